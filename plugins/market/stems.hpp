#pragma once
// German word stems (Snowball, libstemmer) for the listings' full-text search on SQLite, which
// has no German text search of its own: "Gartenstühle" and "Gartenstuhl" share the stem
// "gartenstuhl". PostgreSQL uses its own 'german' configuration instead (routes_listings.cpp).
#include <string>
#include <string_view>
#include <vector>

namespace market {

// The stems of the words of `text`, lower-cased, in order, at most `max_words`.
std::vector<std::string> german_stems(std::string_view text, std::size_t max_words = 1000);
// The stems as stored for a listing: " stem1 stem2 ... " (spaces around each, for LIKE '% stem%').
std::string stem_column(std::string_view title, std::string_view description);

}  // namespace market
