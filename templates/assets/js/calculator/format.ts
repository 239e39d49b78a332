// Numbers in and out: what people type (26,000,000 / 2600万 / full-width digits) into the
// decimal text the core reads, and amounts back into text (thousands separators; 万元 in Chinese).

// clean turns full-width digits and punctuation into ASCII and drops spaces and thousands
// separators, so "２６，０００，０００" reads as 26000000.
export function clean(s: string): string {
  let out = "";
  for (const ch of s.trim()) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 48);
    else if (ch === "．" || ch === "。") out += ".";
    else if (ch === "－") out += "-";
    else if (ch === "," || ch === "，" || ch === " " || ch === "\u00a0" || ch === "_") continue;
    else out += ch;
  }
  return out;
}

const decimal = /^-?\d+(\.\d+)?$/;

// shiftDecimal multiplies a decimal text by 10^n (n may be negative) without floating point:
// shiftDecimal("2600", 4) = "26000000", shiftDecimal("2", -2) = "0.02".
export function shiftDecimal(s: string, n: number): string {
  const neg = s.charAt(0) === "-";
  if (neg) s = s.slice(1);
  const dot = s.indexOf(".");
  let int = dot < 0 ? s : s.slice(0, dot);
  let frac = dot < 0 ? "" : s.slice(dot + 1);
  if (n > 0) {
    while (frac.length < n) frac += "0";
    int += frac.slice(0, n);
    frac = frac.slice(n);
  } else if (n < 0) {
    while (int.length < -n + 1) int = "0" + int;
    frac = int.slice(int.length + n) + frac;
    int = int.slice(0, int.length + n);
  }
  int = int.replace(/^0+(?=\d)/, "");
  frac = frac.replace(/0+$/, "");
  return (neg ? "-" : "") + int + (frac ? "." + frac : "");
}

// parseMoney reads an amount in yuan; "2600万" is 26,000,000. It returns the decimal text for
// the core, or null when it is not a number.
export function parseMoney(s: string): string | null {
  let t = clean(s);
  let scale = 0;
  if (/万元?$/.test(t)) {
    t = t.replace(/万元?$/, "");
    scale = 4;
  } else if (/元$/.test(t)) {
    t = t.replace(/元$/, "");
  }
  if (!decimal.test(t)) return null;
  return shiftDecimal(t, scale);
}

export function parseInt10(s: string): string | null {
  const t = clean(s).replace(/年$/, "");
  return /^-?\d+$/.test(t) ? t.replace(/^(-?)0+(?=\d)/, "$1") : null;
}

// parsePercent reads a percentage from 0 to 100 and returns the fraction the core reads ("2" →
// "0.02"), or null.
export function parsePercent(s: string): string | null {
  const t = clean(s).replace(/%$/, "").replace(/％$/, "");
  if (!decimal.test(t)) return null;
  const v = Number(t);
  if (v < 0 || v > 100) return null;
  return shiftDecimal(t, -2);
}

// parseMonth reads 2022-03, 2022/3, 2022.3 or 2022年3月 and returns "2022-03", or null.
export function parseMonth(s: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(clean(s));
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return m[1] + "-" + (month < 10 ? "0" : "") + month;
}

function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

// formatYuan writes an amount in yuan: "1,386,000 yuan" in English; in Chinese "138.6万元" from
// 10,000 yuan up and "2,000元" below.
export function formatYuan(n: number, lang: string): string {
  const neg = n < 0;
  const a = Math.abs(n);
  let s: string;
  if (lang === "zh" && a >= 10000) {
    const wan = (a / 10000).toFixed(6).replace(/\.?0+$/, "");
    const parts = wan.split(".");
    s = group(parts[0]) + (parts[1] ? "." + parts[1] : "") + "万元";
  } else {
    const parts = a.toFixed(2).replace(/\.00$/, "").split(".");
    s = group(parts[0]) + (parts[1] ? "." + parts[1] : "") + (lang === "zh" ? "元" : " yuan");
  }
  return (neg ? "-" : "") + s;
}

// formatPercent writes a fraction as a percentage: 0.5 → "50%".
export function formatPercent(r: number): string {
  return shiftDecimal(String(r), 2) + "%";
}

export function formatDate(d: Date, lang: string): string {
  if (lang === "zh") return d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
  const months = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  return d.getDate() + " " + months[d.getMonth()] + " " + d.getFullYear();
}
