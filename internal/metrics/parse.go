package metrics

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Sample is one line of an exposition: a metric name, its labels and
// its value.
type Sample struct {
	Name   string
	Labels map[string]string
	Value  float64
}

// Parse reads an exposition in the text format strictly, for tests and
// for checking what a scraper would get: names and label names must be
// valid, label values escaped, every sample's family declared by a TYPE
// line before it, a family's lines together, and a histogram's buckets
// ascending and cumulative up to +Inf, which equals its _count.
func Parse(r io.Reader) ([]Sample, error) {
	var out []Sample
	types := map[string]Kind{}
	done := map[string]bool{} // families whose lines have ended
	current := ""
	hist := map[string]*histCheck{} // by family and labels without le
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		fail := func(format string, args ...any) error {
			return fmt.Errorf("line %d %q: %s", n, line, fmt.Sprintf(format, args...))
		}
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			f := strings.SplitN(line, " ", 4)
			if len(f) < 3 || (f[1] != "HELP" && f[1] != "TYPE") {
				continue // a plain comment
			}
			name := f[2]
			if !nameRE.MatchString(name) {
				return nil, fail("bad metric name")
			}
			if name != current {
				if done[name] {
					return nil, fail("family %s split over the exposition", name)
				}
				if current != "" {
					done[current] = true
				}
				current = name
			}
			if f[1] == "TYPE" {
				if len(f) != 4 {
					return nil, fail("TYPE without a type")
				}
				if _, ok := types[name]; ok {
					return nil, fail("second TYPE line")
				}
				switch k := Kind(f[3]); k {
				case KindCounter, KindGauge, KindHistogram, "summary", "untyped":
					types[name] = k
				default:
					return nil, fail("unknown type")
				}
			}
			continue
		}
		s, err := parseSample(line)
		if err != nil {
			return nil, fail("%v", err)
		}
		fam := s.Name
		for _, suffix := range []string{"_bucket", "_sum", "_count"} {
			if base, ok := strings.CutSuffix(s.Name, suffix); ok && types[base] == KindHistogram {
				fam = base
			}
		}
		if types[fam] == "" {
			return nil, fail("sample before its TYPE line")
		}
		if fam != current {
			return nil, fail("sample of %s among the lines of %s", fam, current)
		}
		if types[fam] == KindCounter && s.Value < 0 {
			return nil, fail("negative counter")
		}
		if types[fam] == KindHistogram {
			if err := checkHistogram(hist, fam, s); err != nil {
				return nil, fail("%v", err)
			}
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for key, h := range hist {
		if !h.inf || h.count != h.last {
			return nil, fmt.Errorf("histogram %s: +Inf bucket missing or not equal to _count", key)
		}
	}
	return out, nil
}

type histCheck struct {
	le, last float64
	inf      bool
	count    float64
}

func checkHistogram(hist map[string]*histCheck, fam string, s Sample) error {
	var keys []string
	for k, v := range s.Labels {
		if k != "le" {
			keys = append(keys, k+"="+v)
		}
	}
	sort.Strings(keys)
	key := fam + "{" + strings.Join(keys, ",") + "}"
	h := hist[key]
	if h == nil {
		h = &histCheck{le: math.Inf(-1), count: -1}
		hist[key] = h
	}
	switch {
	case strings.HasSuffix(s.Name, "_bucket"):
		le, err := strconv.ParseFloat(s.Labels["le"], 64)
		if err != nil {
			return fmt.Errorf("bucket without a valid le")
		}
		if le <= h.le || s.Value < h.last {
			return fmt.Errorf("buckets not ascending or not cumulative")
		}
		h.le, h.last, h.inf = le, s.Value, math.IsInf(le, 1)
	case strings.HasSuffix(s.Name, "_count"):
		h.count = s.Value
	}
	return nil
}

// parseSample parses `name{a="x",b="y"} value [timestamp]`.
func parseSample(line string) (Sample, error) {
	s := Sample{Labels: map[string]string{}}
	i := strings.IndexAny(line, "{ ")
	if i < 0 {
		return s, fmt.Errorf("no value")
	}
	s.Name = line[:i]
	if !nameRE.MatchString(s.Name) {
		return s, fmt.Errorf("bad metric name")
	}
	rest := line[i:]
	if rest[0] == '{' {
		rest = rest[1:]
		for {
			if strings.HasPrefix(rest, "}") {
				rest = rest[1:]
				break
			}
			eq := strings.Index(rest, `="`)
			if eq < 0 {
				return s, fmt.Errorf("bad label")
			}
			name := rest[:eq]
			if !nameRE.MatchString(name) || strings.Contains(name, ":") {
				return s, fmt.Errorf("bad label name %q", name)
			}
			if _, dup := s.Labels[name]; dup {
				return s, fmt.Errorf("label %s twice", name)
			}
			rest = rest[eq+2:]
			var v strings.Builder
			closed := false
			for j := 0; j < len(rest); j++ {
				c := rest[j]
				if c == '"' {
					rest, closed = rest[j+1:], true
					break
				}
				if c == '\n' {
					return s, fmt.Errorf("raw newline in label value")
				}
				if c == '\\' {
					if j+1 >= len(rest) {
						return s, fmt.Errorf("dangling escape")
					}
					j++
					switch rest[j] {
					case '\\':
						v.WriteByte('\\')
					case '"':
						v.WriteByte('"')
					case 'n':
						v.WriteByte('\n')
					default:
						return s, fmt.Errorf("bad escape \\%c", rest[j])
					}
					continue
				}
				v.WriteByte(c)
			}
			if !closed {
				return s, fmt.Errorf("unterminated label value")
			}
			s.Labels[name] = v.String()
			if strings.HasPrefix(rest, ",") {
				rest = rest[1:]
			} else if !strings.HasPrefix(rest, "}") {
				return s, fmt.Errorf("expected , or }")
			}
		}
	}
	if !strings.HasPrefix(rest, " ") {
		return s, fmt.Errorf("no space before the value")
	}
	f := strings.Fields(rest)
	if len(f) < 1 || len(f) > 2 {
		return s, fmt.Errorf("expected a value and an optional timestamp")
	}
	v, err := parseValue(f[0])
	if err != nil {
		return s, err
	}
	s.Value = v
	if len(f) == 2 {
		if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
			return s, fmt.Errorf("bad timestamp")
		}
	}
	return s, nil
}

func parseValue(v string) (float64, error) {
	switch v {
	case "+Inf":
		return math.Inf(1), nil
	case "-Inf":
		return math.Inf(-1), nil
	case "NaN":
		return math.NaN(), nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, fmt.Errorf("bad value %q", v)
	}
	return f, nil
}

// Find returns the samples of name whose labels include want.
func Find(samples []Sample, name string, want map[string]string) []Sample {
	var out []Sample
next:
	for _, s := range samples {
		if s.Name != name {
			continue
		}
		for k, v := range want {
			if s.Labels[k] != v {
				continue next
			}
		}
		out = append(out, s)
	}
	return out
}
