// Command fetchloop is the crawl benchmark's middle row: the bare loop's
// work done with mentionwatch's own fetcher (watcher/fetch: robots.txt,
// per-host limits, conditional GET, size cap) and feed extractor
// (watcher/feed: charset, text, links, identities), still without
// matching, scoring or storage. It separates the cost of those layers
// from the rest of the pipeline.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mentionwatch/mentionwatch/watcher/feed"
	"github.com/mentionwatch/mentionwatch/watcher/fetch"
)

type validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

func main() {
	list := flag.String("urls", "", "file with one feed URL per line (required)")
	conc := flag.Int("c", 16, "http.workers and http.per_host")
	save := flag.String("save", "", "write validators to this file")
	load := flag.String("load", "", "read validators from this file and send them")
	flag.Parse()
	if *list == "" {
		log.Fatal("fetchloop: -urls is required")
	}
	urls, err := readLines(*list)
	if err != nil {
		log.Fatal("fetchloop: ", err)
	}
	state := map[string]validators{}
	if *load != "" {
		b, err := os.ReadFile(*load)
		if err != nil {
			log.Fatal("fetchloop: ", err)
		}
		if err := json.Unmarshal(b, &state); err != nil {
			log.Fatal("fetchloop: ", err)
		}
	}
	f := fetch.New(fetch.Options{UserAgent: "mentionwatch-bench/1", Workers: *conc, PerHost: *conc, Robots: true})
	defer f.Close()

	var ok, notMod, failed, items atomic.Int64
	var mu sync.Mutex
	saved := make(map[string]validators, len(urls))
	jobs := make(chan string)
	var wg sync.WaitGroup
	start := time.Now()
	// As many goroutines as URLs in flight would be; the fetcher's pool
	// bounds the concurrency, as it does in the daemon.
	for w := 0; w < *conc*2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range jobs {
				v := state[u]
				resp, err := f.Fetch(context.Background(), fetch.Request{URL: u, ETag: v.ETag, LastModified: v.LastModified})
				if err == nil && !resp.NotModified {
					var docs int
					d, perr := feed.Parse(resp.Body, resp.ContentType, resp.URL, u)
					docs, err = len(d), perr
					items.Add(int64(docs))
				}
				switch {
				case err != nil:
					failed.Add(1)
					log.Printf("fetchloop: %s: %v", u, err)
					continue
				case resp.NotModified:
					notMod.Add(1)
				default:
					ok.Add(1)
				}
				if *save != "" {
					mu.Lock()
					saved[u] = validators{ETag: resp.ETag, LastModified: resp.LastModified}
					mu.Unlock()
				}
			}
		}()
	}
	for _, u := range urls {
		jobs <- u
	}
	close(jobs)
	wg.Wait()
	wall := time.Since(start)
	if *save != "" {
		b, _ := json.Marshal(saved)
		if err := os.WriteFile(*save, b, 0o644); err != nil {
			log.Fatal("fetchloop: ", err)
		}
	}
	fmt.Printf("fetchloop feeds=%d ok=%d not_modified=%d errors=%d items=%d wall=%.3fs\n",
		len(urls), ok.Load(), notMod.Load(), failed.Load(), items.Load(), wall.Seconds())
	if failed.Load() > 0 {
		os.Exit(1)
	}
}

func readLines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	s := bufio.NewScanner(strings.NewReader(string(b)))
	for s.Scan() {
		if l := strings.TrimSpace(s.Text()); l != "" {
			out = append(out, l)
		}
	}
	return out, s.Err()
}
