#pragma once
// One function per idea of what makes a sentence worth checking; feature_extractor.cpp runs them all.
// Counts are bucketed ("0", "1", "2", "3+") so that a linear model can weigh "one number" and "many"
// differently. Every group prefixes its feature names, so groups never collide by name.
#include <string_view>

#include "../analyzed_sentence.hpp"
#include "../feature_vector.hpp"

namespace factpipe::claims::features {

std::string_view bucket(std::size_t count);  // "0", "1", "2", "3+"

void add_ngrams(const AnalyzedSentence& s, FeatureVector& f);         // word uni- and bigrams
void add_word_trigrams(const AnalyzedSentence& s, FeatureVector& f);  // word trigrams
void add_char_ngrams(const AnalyzedSentence& s, unsigned min_n, unsigned max_n, FeatureVector& f);  // inside words
void add_numbers(const AnalyzedSentence& s, FeatureVector& f);         // quantities, percentages, money
void add_dates(const AnalyzedSentence& s, FeatureVector& f);           // dates, years, time expressions
void add_entities(const AnalyzedSentence& s, FeatureVector& f);        // names (layer or capitalisation)
void add_comparisons(const AnalyzedSentence& s, FeatureVector& f);     // comparatives, superlatives, trends
void add_tense(const AnalyzedSentence& s, FeatureVector& f);           // past, perfect, future, present
void add_reporting(const AnalyzedSentence& s, FeatureVector& f);       // reporting verbs, quotation marks
void add_hedges_opinion(const AnalyzedSentence& s, FeatureVector& f);  // may/might/reportedly, I think
void add_person(const AnalyzedSentence& s, FeatureVector& f);          // I / we / you
void add_shape(const AnalyzedSentence& s, FeatureVector& f);           // length, question marks, case

}  // namespace factpipe::claims::features
