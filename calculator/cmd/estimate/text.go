package main

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Spreadsheets save CSV in one of two encodings: UTF-8 ("CSV UTF-8" in Excel, LibreOffice,
// WPS; with a byte-order mark from Excel) or, from Excel's plain "CSV" on a Chinese Windows,
// the system's code page, GBK, which GB18030 contains. decodeText tells them apart and
// returns the text as UTF-8 with the name of the encoding it used, which the command prints:
// a file read the wrong way would otherwise give garbled names without a word.

const utf8BOM = "\uFEFF"

type textEncoding int

const (
	encUTF8 textEncoding = iota
	encUTF8BOM
	encGB18030
)

func (e textEncoding) name(lang string) string {
	switch e {
	case encUTF8BOM:
		return say(lang, "UTF-8（带BOM）", "UTF-8 (with a byte-order mark)")
	case encGB18030:
		return say(lang, "GB18030/GBK（Excel中文版“CSV”格式的编码）", `GB18030/GBK (the encoding of Excel's "CSV" format on Chinese Windows)`)
	}
	return "UTF-8"
}

// decodeText returns src as UTF-8. A byte-order mark means UTF-8; text that is valid UTF-8 is
// UTF-8 (plain ASCII reads the same either way); anything else must decode as GB18030 without
// a single invalid sequence, or it is refused: guessing further would risk garbled names.
func decodeText(src []byte, lang string) (string, textEncoding, error) {
	switch {
	case bytes.HasPrefix(src, []byte(utf8BOM)):
		if !utf8.Valid(src) {
			return "", 0, fmt.Errorf("%s", say(lang, "文件以UTF-8的BOM开头，但内容不是有效的UTF-8", "the file starts with a UTF-8 byte-order mark but is not valid UTF-8"))
		}
		return string(src[len(utf8BOM):]), encUTF8BOM, nil
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		return "", 0, fmt.Errorf("%s", say(lang,
			"文件是UTF-16编码（Excel的“Unicode文本”）：请另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”",
			`the file is UTF-16 (Excel's "Unicode Text"): save it as "CSV UTF-8 (Comma delimited)" or "CSV (Comma delimited)"`))
	case utf8.Valid(src):
		return string(src), encUTF8, nil
	}
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(src)
	if err != nil || bytes.ContainsRune(text, utf8.RuneError) {
		return "", 0, fmt.Errorf("%s", say(lang,
			"文件既不是UTF-8也不是GB18030/GBK编码：请在Excel中另存为“CSV UTF-8（逗号分隔）”",
			`the file is neither UTF-8 nor GB18030/GBK: save it from Excel as "CSV UTF-8 (Comma delimited)"`))
	}
	return string(text), encGB18030, nil
}

// say picks the text of the reader's language.
func say(lang, zh, en string) string {
	if lang == "en" {
		return en
	}
	return zh
}

// columnLetter is a spreadsheet's name for column i (0-based): A … Z, AA, AB …
func columnLetter(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append(b, byte('A'+(i-1)%26))
	}
	for l, r := 0, len(b)-1; l < r; l, r = l+1, r-1 {
		b[l], b[r] = b[r], b[l]
	}
	return string(b)
}

// quote puts a cell's text in the quotation marks of the language.
func quote(lang, s string) string {
	if lang == "en" {
		return `"` + s + `"`
	}
	return "“" + s + "”"
}

// listJoin joins items with the language's list separator.
func listJoin(lang string, items []string) string {
	return strings.Join(items, say(lang, "、", ", "))
}
