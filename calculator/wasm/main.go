//go:build js && wasm

package main

import (
	"syscall/js"

	"scaleup/calculator/modules"
)

func estimate(this js.Value, args []js.Value) (result any) {
	defer func() {
		if recover() != nil {
			result = internalError
		}
	}()
	if len(args) != 1 || args[0].Type() != js.TypeString {
		return badCall
	}
	return safeEstimate(args[0].String())
}

func version(this js.Value, args []js.Value) any {
	return modules.All.Version()
}

func main() {
	global := js.Global()
	global.Set("scaleupEstimate", js.FuncOf(estimate))
	global.Set("scaleupVersion", js.FuncOf(version))
	global.Set("scaleupReady", true)
	select {}
}
