// Command bareloop is the crawl benchmark's baseline: it fetches every
// URL in a list at a fixed concurrency with plain net/http and parses
// each body with gofeed — no politeness, matching, scoring or storage.
// With -save it records each feed's ETag and Last-Modified; with -load it
// sends them back, so a second run measures an all-304 pass.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mmcdole/gofeed"
)

type validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

func main() {
	list := flag.String("urls", "", "file with one feed URL per line (required)")
	conc := flag.Int("c", 16, "concurrent requests")
	save := flag.String("save", "", "write validators to this file")
	load := flag.String("load", "", "read validators from this file and send them")
	flag.Parse()
	if *list == "" {
		log.Fatal("bareloop: -urls is required")
	}
	urls, err := readLines(*list)
	if err != nil {
		log.Fatal("bareloop: ", err)
	}
	state := map[string]validators{}
	if *load != "" {
		b, err := os.ReadFile(*load)
		if err != nil {
			log.Fatal("bareloop: ", err)
		}
		if err := json.Unmarshal(b, &state); err != nil {
			log.Fatal("bareloop: ", err)
		}
	}

	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: *conc * 2, MaxIdleConnsPerHost: *conc, IdleConnTimeout: time.Minute},
	}
	var ok, notMod, failed, items atomic.Int64
	var mu sync.Mutex
	saved := make(map[string]validators, len(urls))
	jobs := make(chan string)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < *conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parser := gofeed.NewParser()
			for u := range jobs {
				v, n, status, err := fetch(context.Background(), client, parser, u, state[u])
				switch {
				case err != nil:
					failed.Add(1)
					log.Printf("bareloop: %s: %v", u, err)
				case status == http.StatusNotModified:
					notMod.Add(1)
				default:
					ok.Add(1)
					items.Add(int64(n))
				}
				if *save != "" && err == nil {
					mu.Lock()
					saved[u] = v
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
			log.Fatal("bareloop: ", err)
		}
	}
	fmt.Printf("bareloop feeds=%d ok=%d not_modified=%d errors=%d items=%d wall=%.3fs\n",
		len(urls), ok.Load(), notMod.Load(), failed.Load(), items.Load(), wall.Seconds())
	if failed.Load() > 0 {
		os.Exit(1)
	}
}

func fetch(ctx context.Context, c *http.Client, p *gofeed.Parser, url string, v validators) (validators, int, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return v, 0, 0, err
	}
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.Do(req)
	if err != nil {
		return v, 0, 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return v, 0, resp.StatusCode, nil
	}
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, resp.Body)
		return v, 0, resp.StatusCode, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	f, err := p.Parse(resp.Body)
	if err != nil {
		return v, 0, resp.StatusCode, err
	}
	io.Copy(io.Discard, resp.Body) // let the connection be reused
	return validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}, len(f.Items), resp.StatusCode, nil
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		if l := strings.TrimSpace(s.Text()); l != "" {
			out = append(out, l)
		}
	}
	return out, s.Err()
}
