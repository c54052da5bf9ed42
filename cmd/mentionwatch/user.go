package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// userCmd is `mentionwatch user hash`: it reads one password line on
// stdin (its line ending is not part of it) and prints its bcrypt hash for
// server.users[].password_hash. It takes -c/--config like every command,
// and needs no config.
func userCmd(e *env, args []string) error {
	fs, _ := flags(e, "user")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "hash" {
		return usagef("the only subcommand is hash")
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("reading the password: %w", err)
	}
	pw := strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if pw == "" {
		return usagef("no password on stdin (one line: echo -n … | mentionwatch user hash)")
	}
	if len(pw) > 72 {
		return usagef("the password is longer than 72 bytes, bcrypt's limit")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcryptCost)
	if err != nil {
		return fmt.Errorf("hashing: %w", err)
	}
	fmt.Fprintln(e.stdout, string(h))
	return nil
}

// bcryptCost is the work factor of new hashes: about a quarter second
// on a small server, slow enough against guessing.
const bcryptCost = 12
