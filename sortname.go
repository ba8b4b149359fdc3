package regie

import (
	"strings"
)

// tussenvoegsels are the Dutch surname prefixes that do not count when
// names are put in order: "de Bruijn" sorts under B, "van der Meer" under
// M. A prefix may be several words ("van der", "in 't"); the longest match
// wins. Lower case; a name is compared in lower case.
var tussenvoegsels = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range []string{
		"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "op", "in", "onder", "over", "uit", "aan", "bij",
		"van de", "van der", "van den", "van het", "van 't", "van ter", "van ten", "van de la",
		"de la", "de van der", "in de", "in der", "in den", "in het", "in 't", "op de", "op den", "op het", "op 't",
		"aan de", "aan den", "aan het", "bij de", "uit de", "uit den", "uit het", "uit 't", "onder de", "over de",
		"'s", "d'", "la", "le", "du", "des", "di", "da", "dos",
	} {
		m[p] = true
	}
	return m
}()

// sortSep separates the surname from the rest of the name in a sort key. It
// is below every printable character, so "Bruijn, Anouk" comes before
// "Bruijns" when keys are compared byte by byte (PostgreSQL holds the key
// in a "C" collation column, SQLite compares bytes). Not NUL: PostgreSQL
// text cannot hold it.
const sortSep = "\x01"

// longestPrefix is the most words a tussenvoegsel has.
const longestPrefix = 3

// prefixAt returns how many words starting at i form a tussenvoegsel
// (the longest match), 0 if none. It never takes the last word: a surname
// is left after the prefix.
func prefixAt(words []string, i int) int {
	for n := min(longestPrefix, len(words)-1-i); n > 0; n-- {
		if tussenvoegsels[strings.ToLower(strings.Join(words[i:i+n], " "))] {
			return n
		}
	}
	return 0
}

// SortName returns the key a person's or a household's name is put in order
// by, the Dutch way: by surname without its tussenvoegsel. It takes a full
// name ("Anouk de Vries", "Gezin van der Meer") — the words after the
// first are the surname, and a tussenvoegsel among them is where the
// surname starts — or a bare surname ("de Bruijn"). The key is the surname,
// then the rest, in lower case without accents, compared byte by byte, so "de Bruijn" and
// "Bruijn" sort together and "Özdemir" with the O.
func SortName(name string) string {
	words := strings.Fields(name)
	if len(words) == 0 {
		return ""
	}
	start, n := -1, 0
	// A bare surname that starts with a prefix: "de Bruijn", "van Dijk".
	if k := prefixAt(words, 0); k > 0 {
		start, n = 0, k
	} else {
		for i := 1; i < len(words)-1; i++ {
			if k := prefixAt(words, i); k > 0 {
				start, n = i, k
				break
			}
		}
	}
	var surname, rest []string
	switch {
	case start >= 0:
		surname = words[start+n:]
		rest = append(append(rest, words[:start]...), words[start:start+n]...)
	case len(words) == 1:
		surname = words
	default:
		surname, rest = words[1:], words[:1]
	}
	key := strings.Join(surname, " ")
	if len(rest) > 0 {
		key += sortSep + strings.Join(rest, " ")
	}
	return fold(key)
}

// fold lower-cases s and drops the accents of the letters Dutch names
// and the names of Dutch families bring (é → e, ö → o, ş → s).
func fold(s string) string { return unaccent.Replace(strings.ToLower(s)) }

var unaccent = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i", "ı", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ç", "c", "ş", "s", "ğ", "g", "ñ", "n", "ý", "y", "ÿ", "y",
)
