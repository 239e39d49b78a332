package main

import "scaleup/calculator/modules"

// This file holds the adapter's logic without syscall/js, so native tests can
// check it (panic recovery in particular).

// internalError is returned after a recovered panic.
const internalError = `{"errors":[{"field":"","zh":"内部错误：计算器遇到意外情况，请刷新页面后重试，或把输入发送给我们。","en":"Internal error: the calculator hit an unexpected condition. Reload the page and try again, or send us the input."}]}`

// badCall is returned when scaleupEstimate is not called with one string.
const badCall = `{"errors":[{"field":"","zh":"调用错误：scaleupEstimate 需要一个 JSON 字符串参数。","en":"Bad call: scaleupEstimate takes one JSON string argument."}]}`

// estimateFunc is the core's JSON path; tests replace it to provoke a panic.
var estimateFunc = modules.All.EstimateJSON

// safeEstimate runs one estimate and never panics: a panic becomes the
// internal-error document, so the Go instance survives for the next call.
func safeEstimate(input string) (result string) {
	defer func() {
		if recover() != nil {
			result = internalError
		}
	}()
	out, _ := estimateFunc([]byte(input))
	return string(out)
}
