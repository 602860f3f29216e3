#include "api/envelope.h"

namespace onair::api {

HttpReply DataReply(const WriteData& write_data) {
  wire::JsonWriter w;
  w.BeginObject().Key("success").Bool(true).Key("data");
  write_data(w);
  w.EndObject();
  return JsonReply(200, w.Take());
}

HttpReply MessageDataReply(std::string_view message, const WriteData& write_data) {
  wire::JsonWriter w;
  w.BeginObject().Key("success").Bool(true).Key("message").String(message).Key("data");
  write_data(w);
  w.EndObject();
  return JsonReply(200, w.Take());
}

HttpReply PageReply(const WriteData& write_data, const std::optional<std::string>& next_cursor) {
  wire::JsonWriter w;
  w.BeginObject().Key("success").Bool(true).Key("data");
  write_data(w);
  w.Key("next_cursor");
  if (next_cursor) {
    w.String(*next_cursor);
  } else {
    w.Null();
  }
  w.EndObject();
  return JsonReply(200, w.Take());
}

}  // namespace onair::api
