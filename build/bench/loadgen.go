package main

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// loadResult is what the clients of one run saw.
type loadResult struct {
	requests, errors int
	pages            int             // page loads completed: a page and every file it fetched
	bytes            int64           // bodies as sent (compressed)
	latencies        []time.Duration // sorted
	elapsed          time.Duration   // from the start to the last answer
	firstErrors      []string
}

func (l loadResult) perSecond() float64 { return float64(l.requests) / l.elapsed.Seconds() }

func (l loadResult) pagesPerSecond() float64 { return float64(l.pages) / l.elapsed.Seconds() }

// percentile returns the latency below which p percent of the requests finished.
func (l loadResult) percentile(p float64) time.Duration {
	if len(l.latencies) == 0 {
		return 0
	}
	i := int(float64(len(l.latencies))*p/100+0.5) - 1
	return l.latencies[max(0, min(i, len(l.latencies)-1))]
}

// generateLoad runs clients that each load the visits in turn (client i starts with visit i),
// every path of a visit after the previous one's answer, on one kept-alive connection, until d
// has passed; a visit under way then ends with the request in flight.
func generateLoad(base string, visits [][]string, clients int, d time.Duration) loadResult {
	var (
		mu  sync.Mutex
		all loadResult
		wg  sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(d)
	for c := range clients {
		wg.Go(func() {
			tr := &http.Transport{DisableCompression: true, MaxConnsPerHost: 1, MaxIdleConnsPerHost: 1}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr, Timeout: time.Minute}
			var mine loadResult
			for v := c; time.Now().Before(deadline); v++ {
				complete := true
				for _, path := range visits[v%len(visits)] {
					if !time.Now().Before(deadline) {
						complete = false
						break
					}
					t0 := time.Now()
					n, err := fetch(client, base+path)
					mine.latencies = append(mine.latencies, time.Since(t0))
					mine.requests++
					mine.bytes += n
					if err != nil {
						mine.errors++
						if len(mine.firstErrors) < 3 {
							mine.firstErrors = append(mine.firstErrors, fmt.Sprintf("%s: %v", path, err))
						}
					}
				}
				if complete {
					mine.pages++
				}
			}
			mu.Lock()
			all.requests += mine.requests
			all.errors += mine.errors
			all.pages += mine.pages
			all.bytes += mine.bytes
			all.latencies = append(all.latencies, mine.latencies...)
			if len(all.firstErrors) < 3 {
				all.firstErrors = append(all.firstErrors, mine.firstErrors...)
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	all.elapsed = time.Since(start)
	slices.Sort(all.latencies)
	if len(all.firstErrors) > 3 {
		all.firstErrors = all.firstErrors[:3]
	}
	return all
}

// fetch gets url as a phone's browser asks for it and reads the whole answer; anything but a
// complete 200 is an error.
func fetch(client *http.Client, url string) (int64, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept-Encoding", "br, gzip")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("status %d", resp.StatusCode)
	}
	return n, err
}
