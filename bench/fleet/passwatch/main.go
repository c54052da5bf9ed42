// Command passwatch waits until every source of a mentionwatch database
// has been crawled since a moment, then prints how long that took and how
// many sources each daemon crawled (the holder of each source's lease).
// The fleet benchmark (bench/fleet/run.sh) runs it beside the daemons.
//
// The database is an SQLite file (-db) or PostgreSQL (-url postgres://…,
// or a postgres:// URL given to -db), read through the drivers the store
// uses (mattn/go-sqlite3, pgx).
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "github.com/mattn/go-sqlite3"

	"github.com/mentionwatch/mentionwatch/internal/store"
)

func main() {
	dbPath := flag.String("db", "", "SQLite database file (or a postgres:// URL)")
	dbURL := flag.String("url", "", "PostgreSQL URL (postgres://…), instead of -db")
	n := flag.Int("n", 0, "number of sources (required)")
	since := flag.Int64("since", 0, "Unix milliseconds the pass started at (default now)")
	timeout := flag.Duration("timeout", 10*time.Minute, "give up after")
	flag.Parse()
	if *dbURL == "" && store.IsURL(*dbPath) {
		*dbURL, *dbPath = *dbPath, ""
	}
	if (*dbPath == "") == (*dbURL == "") || *n <= 0 {
		log.Fatal("passwatch: one of -db and -url, and -n, are required")
	}
	if *since == 0 {
		*since = time.Now().UnixMilli()
	}
	db, err := open(*dbPath, *dbURL)
	if err != nil {
		log.Fatalf("passwatch: %v", err)
	}
	defer db.Close()
	// PostgreSQL numbers its placeholders.
	q := `SELECT COUNT(*), COALESCE(MAX(last_fetch_at), 0) FROM source_state WHERE last_fetch_at >= ?`
	if *dbURL != "" {
		q = strings.Replace(q, "?", "$1", 1)
	}
	deadline := time.Now().Add(*timeout)
	var done int
	var last int64
	for {
		// A missing table (the daemons have not migrated yet) reads as 0.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := db.QueryRowContext(ctx, q, *since).Scan(&done, &last)
		cancel()
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
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}
	sort.Strings(parts)
	fmt.Println("share " + strings.Join(parts, ", "))
}

// open opens the SQLite file read-only, or the PostgreSQL database with
// read-only transactions; a password in the URL stays out of errors.
func open(path, rawURL string) (*sql.DB, error) {
	if rawURL == "" {
		return sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=10000")
	}
	dsn := rawURL
	if strings.Contains(dsn, "?") {
		dsn += "&default_transaction_read_only=on"
	} else {
		dsn += "?default_transaction_read_only=on"
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		// The driver's message may quote the URL: only the redacted URL is shown.
		return nil, fmt.Errorf("open %s: not a usable PostgreSQL URL", store.RedactURL(rawURL))
	}
	db.SetMaxOpenConns(1)
	return db, nil
}
