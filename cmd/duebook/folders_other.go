//go:build !windows

package main

// shellDocuments is Windows' own answer; other systems are read from the environment.
func shellDocuments() string { return "" }
