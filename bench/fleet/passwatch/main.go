// Command passwatch waits until every source of a mentionwatch database
// has been crawled since a moment, then prints how long that took and how
// many sources each daemon crawled (the holder of each source's lease).
// The fleet benchmark (bench/fleet/run.sh) runs it beside the daemons.
package main

import (
	"database/sql"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

func main() {
	dbPath := flag.String("db", "", "SQLite database file (required)")
	n := flag.Int("n", 0, "number of sources (required)")
	since := flag.Int64("since", 0, "Unix milliseconds the pass started at (default now)")
	timeout := flag.Duration("timeout", 10*time.Minute, "give up after")
	flag.Parse()
	if *dbPath == "" || *n <= 0 {
		log.Fatal("passwatch: -db and -n are required")
	}
	if *since == 0 {
		*since = time.Now().UnixMilli()
	}
	db, err := sql.Open("sqlite3", "file:"+*dbPath+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	deadline := time.Now().Add(*timeout)
	var done int
	var last int64
	for {
		// A missing table (the daemons have not migrated yet) reads as 0.
		err := db.QueryRow(`SELECT COUNT(*), COALESCE(MAX(last_fetch_at), 0) FROM source_state WHERE last_fetch_at >= ?`, *since).Scan(&done, &last)
		if err == nil && done >= *n {
			break
		}
		if time.Now().After(deadline) {
			fmt.Fprintf(os.Stderr, "passwatch: %d of %d sources crawled after %s\n", done, *n, *timeout)
			os.Exit(1)
		}
		time.Sleep(50 * time.Millisecond)
	}
	fmt.Printf("pass %.2fs\n", float64(last-*since)/1000)
	rows, err := db.Query(`SELECT owner, COUNT(*) FROM source_leases GROUP BY owner`)
	if err != nil {
		fmt.Println("share: no leases (this build has none)")
		return
	}
	defer rows.Close()
	var parts []string
	for rows.Next() {
		var owner string
		var c int
		if err := rows.Scan(&owner, &c); err != nil {
			log.Fatal(err)
		}
		parts = append(parts, fmt.Sprintf("%s %d (%.0f%%)", owner, c, 100*float64(c)/float64(*n)))
	}
	sort.Strings(parts)
	fmt.Println("share " + strings.Join(parts, ", "))
}
