#include "ctl/render.h"

#include <algorithm>
#include <cctype>

#include "ctl/table.h"

namespace onair::ctl {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

bool IsScalar(element value) {
  return value.type() != element_type::ARRAY && value.type() != element_type::OBJECT;
}

std::string Upper(std::string_view text) {
  std::string upper(text);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return upper;
}

// The keys of the objects in `list`, in order of first appearance.
std::vector<std::string> ColumnsOf(simdjson::dom::array list) {
  std::vector<std::string> columns;
  for (element item : list) {
    simdjson::dom::object object;
    if (item.get(object) != simdjson::SUCCESS) continue;
    for (auto field : object) {
      std::string key(field.key);
      if (std::find(columns.begin(), columns.end(), key) == columns.end()) columns.push_back(key);
    }
  }
  return columns;
}

void PrintDispatchTable(simdjson::dom::array list, const std::string& indent, std::ostream& out) {
  Table table({"ID", "ORDER_ID", "CUSTOMER_ID", "SERVICE_ID", "QUANTITY", "VIEWERS", "STATE",
               "RESULT", "ATTEMPTS", "DETECTED_AT", "NEXT_ATTEMPT_AT", "LAST_ERROR"});
  for (element d : list) {
    table.AddRow({FieldText(d, "id"), FieldText(d, "order_id"), FieldText(d, "customer_id"),
                  FieldText(d, "service_id"), FieldText(d, "quantity"), FieldText(d, "viewers"),
                  FieldText(d, "state"), FieldText(d, "result"), FieldText(d, "attempts"),
                  FieldText(d, "detected_at"), FieldText(d, "next_attempt_at"),
                  FieldText(d, "last_error")});
  }
  table.Print(out, indent);
}

void PrintTable(simdjson::dom::array list, const std::string& indent, std::ostream& out) {
  std::vector<std::string> columns = ColumnsOf(list);
  std::vector<std::string> headers;
  for (const std::string& column : columns) headers.push_back(Upper(column));

  Table table(headers);
  for (element item : list) {
    std::vector<std::string> cells;
    for (const std::string& column : columns) cells.push_back(FieldText(item, column));
    table.AddRow(std::move(cells));
  }
  table.Print(out, indent);
}

}  // namespace

std::string Text(element value) {
  switch (value.type()) {
    case element_type::STRING:
      return std::string(value.get_string().value_unsafe());
    case element_type::NULL_VALUE:
      return "-";
    case element_type::BOOL:
      return value.get_bool().value_unsafe() ? "yes" : "no";
    case element_type::ARRAY: {
      simdjson::dom::array array = value.get_array().value_unsafe();
      if (array.size() == 0) return "-";
      std::string joined;
      for (element item : array) {
        if (!IsScalar(item)) return simdjson::minify(value);
        if (!joined.empty()) joined += ", ";
        joined += Text(item);
      }
      return joined;
    }
    default:
      return simdjson::minify(value);
  }
}

std::string FieldText(element object, std::string_view key) {
  element value;
  if (object[key].get(value) != simdjson::SUCCESS) return "-";
  return Text(value);
}

void PrintRecord(element record, std::ostream& out) {
  simdjson::dom::object object;
  if (record.get(object) != simdjson::SUCCESS) {
    out << Text(record) << '\n';
    return;
  }

  size_t width = 0;
  for (auto field : object) width = std::max(width, DisplayWidth(std::string(field.key)) + 1);

  for (auto field : object) {
    std::string label = std::string(field.key) + ":";
    simdjson::dom::array array;
    simdjson::dom::object nested;
    bool table = field.value.get(array) == simdjson::SUCCESS && array.size() > 0 &&
                 !IsScalar(array.at(0).value_unsafe());
    if (table && field.key == "dispatches") {
      out << label << '\n';
      PrintDispatchTable(array, "  ", out);
    } else if (table) {
      out << label << '\n';
      PrintTable(array, "  ", out);
    } else if (field.value.get(nested) == simdjson::SUCCESS) {
      std::string parts;
      for (auto part : nested) {
        if (!parts.empty()) parts += ", ";
        parts += std::string(part.key) + " " + Text(part.value);
      }
      out << label << std::string(width - DisplayWidth(label) + 1, ' ') << parts << '\n';
    } else {
      out << label << std::string(width - DisplayWidth(label) + 1, ' ') << Text(field.value)
          << '\n';
    }
  }
}

void PrintList(element list, std::string_view empty_line, std::ostream& out) {
  simdjson::dom::array array;
  if (list.get(array) != simdjson::SUCCESS) {
    PrintRecord(list, out);
    return;
  }
  if (array.size() == 0) {
    out << empty_line << '\n';
    return;
  }
  PrintTable(array, "", out);
}

void PrintOrderList(element list, std::ostream& out) {
  simdjson::dom::array array;
  if (list.get(array) != simdjson::SUCCESS || array.size() == 0) {
    PrintList(list, "No orders.", out);
    return;
  }

  Table table({"ORDER_ID", "CUSTOMER", "CUSTOMER_ORDER_ID", "STATUS", "PAGE", "CREATED_AT",
               "EXPIRES_AT", "SERVICES"});
  for (element order : array) {
    std::string services;
    simdjson::dom::array lines;
    if (order["services"].get(lines) == simdjson::SUCCESS) {
      for (element line : lines) {
        if (!services.empty()) services += ", ";
        services += FieldText(line, "service_id") + "×" + FieldText(line, "quantity");
      }
    }
    table.AddRow({FieldText(order, "order_id"), FieldText(order, "customer"),
                  FieldText(order, "customer_order_id"), FieldText(order, "status"),
                  FieldText(order, "page"), FieldText(order, "created_at"),
                  FieldText(order, "expires_at"), services.empty() ? "-" : services});
  }
  table.Print(out);
}

void PrintDispatchList(element list, std::ostream& out) {
  simdjson::dom::array array;
  if (list.get(array) != simdjson::SUCCESS || array.size() == 0) {
    PrintList(list, "No dispatches.", out);
    return;
  }
  PrintDispatchTable(array, "", out);
}

}  // namespace onair::ctl
