package search

import "testing"

// ScriptSize is scriptSize for the tests of package search_test (realsite_test.go).
func ScriptSize(t testing.TB) int { return scriptSize(t) }
