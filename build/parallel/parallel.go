// Package parallel runs the build's "each item on its own" loops on every core.
package parallel

import "sync"

// For calls f(0) … f(n-1) on workers goroutines (at least one) and waits for them all. Items are
// handed out one at a time, so a slow item does not hold back a batch.
func For(n, workers int, f func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < max(workers, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
