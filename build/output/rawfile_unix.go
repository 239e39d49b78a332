//go:build unix

package output

import "syscall"

// createFile writes data to a new file at path on the disk with the system calls themselves:
// os.WriteFile costs five more for each file (registering it with the runtime's poller, which a
// regular file refuses, and reading and setting its flags), which adds up over thousands of
// small files.
func createFile(path string, data []byte) error {
	fd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
	if err != nil {
		return err
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return err
		}
		data = data[n:]
	}
	return syscall.Close(fd)
}
