package induce

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNameBytes bounds the texts looked up as names: a member name is short,
// and skipping long texts keeps induction linear on large pages.
const maxNameBytes = 240

// What "looks like a member name" means. A value does when it
//   - is 2 to 80 characters long and contains a letter;
//   - has at most 8 words;
//   - is not mostly digits;
//   - is not a navigation, footer or call-to-action phrase (stopPhrases:
//     Home, About, Contact, Login, Read more, Next, Privacy, …);
//   - has no sentence punctuation inside: no "!" or "?", no ": " label,
//     and no ". " except after a short abbreviation ("St. Gallen");
//   - is not boilerplate repeated across records (checked over a whole
//     structure by boilerplate, not here).
//
// Member names are place names, sometimes with a government form ("City of
// Cape Town", "Regional Government of Lima"); text that fails these tests
// is a menu, a teaser, a sentence or a label.
func looksLikeName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 80 {
		return false
	}
	letters, digits := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	if letters == 0 || digits > letters {
		return false
	}
	words := splitWords(s)
	if len(words) > 8 {
		return false
	}
	if stopPhrases[fold(s)] {
		return false
	}
	if strings.ContainsAny(s, "!?@") || strings.Contains(s, ": ") || strings.Contains(s, "http") {
		return false
	}
	return !sentencePunct(words)
}

// sentencePunct is true when a word other than the last ends a sentence: a
// full stop after a word longer than an abbreviation.
func sentencePunct(words []string) bool {
	for _, w := range words[:max(len(words)-1, 0)] {
		if strings.HasSuffix(w, ".") && utf8.RuneCountInString(w) > 4 {
			return true
		}
	}
	return false
}

func splitWords(s string) []string { return strings.Fields(s) }

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// isLinkWord is a lower-case word that joins capitalised words in a place
// or country name ("Bosnia and Herzegovina", "Rio de Janeiro").
func isLinkWord(w string) bool {
	switch w {
	case "and", "of", "the", "de", "del", "da", "do", "di", "du", "la", "le", "y", "e", "et", "am", "an", "im", "upon", "on", "sur":
		return true
	}
	return false
}

// stopPhrases are folded navigation, footer and call-to-action texts that
// are never a member's name.
var stopPhrases = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range []string{
		"home", "about", "about us", "contact", "contact us", "login", "log in", "logout", "log out",
		"sign in", "sign up", "register", "read more", "more", "learn more", "see more", "view more",
		"view all", "see all", "show all", "show more", "load more", "next", "next page", "previous",
		"prev", "previous page", "back", "back to top", "top", "privacy", "privacy policy",
		"privacy notice", "terms", "terms of use", "terms and conditions", "cookies", "cookie policy",
		"cookie settings", "accept", "accept all", "imprint", "impressum", "legal notice", "search",
		"menu", "close", "open", "news", "events", "blog", "press", "share", "follow us", "subscribe",
		"newsletter", "donate", "careers", "jobs", "faq", "help", "sitemap", "copyright",
		"all rights reserved", "skip to content", "skip to main content", "language", "english",
		"francais", "espanol", "deutsch", "members", "our members", "member cities", "partners",
		"advertisement", "sponsored", "ad", "ads", "loading", "details", "more info", "website",
		"visit website", "page", "first", "last", "resources", "publications", "projects",
		"our work", "who we are", "what we do", "get involved", "join", "join us", "become a member",
		"download", "print", "email", "facebook", "twitter", "linkedin", "instagram", "youtube",
		"x", "map", "list", "filter", "filters", "reset", "apply", "submit", "go", "ok", "cancel",
		"yes", "no", "all", "none", "other", "others", "more details", "view profile", "profile",
		"see profile", "city profile", "country", "region", "name", "city",
	} {
		m[fold(s)] = true
	}
	return m
}()
