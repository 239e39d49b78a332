package main

// Temporary: keeps chosen modules in go.mod until the packages that use them land.
import (
 _ "github.com/yuin/goldmark"
 _ "github.com/spf13/afero"
 _ "github.com/evanw/esbuild/pkg/api"
 _ "github.com/tdewolff/minify/v2"
 _ "gopkg.in/yaml.v3"
 _ "github.com/chromedp/chromedp"
 _ "github.com/andybalholm/brotli"
 _ "golang.org/x/net/html"
 _ "rsc.io/qr"
 _ "golang.org/x/tools/txtar"
)

