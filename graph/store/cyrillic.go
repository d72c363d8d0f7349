package store

// cyrillicLatin writes each lower-case Cyrillic letter the way Serbian and
// Macedonian write it in the Latin script (Gaj's alphabet), with the
// diacritics already folded as NormalizeText folds them in Latin text
// (č ć → c, š → s, ž → z, đ → dj): so a name typed in either script of
// Serbian normalizes to the same words. Letters that only Russian,
// Ukrainian or Belarusian use get their common transliteration, which
// makes Russian "Югославия" and Serbian "Jugoslavija" meet as well.
// Letters whose accent NFKD splits off (й ё ї ѓ ќ ў) arrive here without
// it: й as и, ѓ as г.
var cyrillicLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ђ': "dj", 'е': "e",
	'ж': "z", 'з': "z", 'и': "i", 'ј': "j", 'к': "k", 'л': "l", 'љ': "lj",
	'м': "m", 'н': "n", 'њ': "nj", 'о': "o", 'п': "p", 'р': "r", 'с': "s",
	'т': "t", 'ћ': "c", 'у': "u", 'ф': "f", 'х': "h", 'ц': "c", 'ч': "c",
	'џ': "dz", 'ш': "s",
	// Macedonian
	'ѕ': "dz",
	// Russian, Ukrainian, Belarusian
	'щ': "s", 'ы': "y", 'э': "e", 'ю': "ju", 'я': "ja", 'ъ': "", 'ь': "",
	'і': "i", 'є': "e", 'ґ': "g",
}

// latinFold folds the Latin letters NFKD cannot take apart: đ (a d with a
// stroke, not a d with an accent) is written dj, as Serbian and Croatian
// write it when diacritics are left out.
var latinFold = map[rune]string{'đ': "dj"}

// toLatin returns the Latin spelling of a lower-case letter r, or r itself.
func toLatin(r rune) string {
	if s, ok := cyrillicLatin[r]; ok {
		return s
	}
	if s, ok := latinFold[r]; ok {
		return s
	}
	return string(r)
}
