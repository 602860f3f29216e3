// Readable renderings of admin API answers for onairctl: one record as aligned "key: value"
// lines, a list as a table. They follow the fields the answer carries, so a field the daemon
// adds later shows up without a change here. Pure functions of their input; thread-safe.
#pragma once

#include <simdjson.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace onair::ctl {

// A value as a person reads it: strings bare, null as "-", booleans as "yes"/"no", an array
// of scalars comma-separated, anything else as compact JSON.
std::string Text(simdjson::dom::element value);

// The field `key` of `object` as Text, or "-" when it is missing.
std::string FieldText(simdjson::dom::element object, std::string_view key);

// One record: "key: value" lines, values aligned; a nested object reads "a 1, b 2"; an array
// of objects becomes an indented table under its key (`dispatches` with PrintDispatchList's
// columns).
void PrintRecord(simdjson::dom::element object, std::ostream& out);

// A list of records as a table with a column per field (headers upper-cased, in order of first
// appearance). An empty list prints `empty_line` instead, e.g. "No customers.".
void PrintList(simdjson::dom::element list, std::string_view empty_line, std::ostream& out);

// Orders are too wide for every field: order id, customer, their reference, status, page,
// created, expires and the services as "ID×QUANTITY".
void PrintOrderList(simdjson::dom::element list, std::ostream& out);

// Dispatches are wider still (over 20 fields in the admin view): the columns an operator scans
// for a stuck delivery. An empty list prints "No dispatches.".
void PrintDispatchList(simdjson::dom::element list, std::ostream& out);

}  // namespace onair::ctl
