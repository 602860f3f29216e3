#include "ctl/commands.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdint>
#include <exception>
#include <functional>
#include <iostream>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "ctl/admin_client.h"
#include "ctl/daemon_address.h"
#include "ctl/render.h"

#ifndef ONAIR_VERSION
#define ONAIR_VERSION "unknown"
#endif

namespace onair::ctl {
namespace {

constexpr const char* kKeyWarning =
    "This key is shown only now: onair keeps just its hash. Store it safely; if it is lost, "
    "make another with `onairctl key create` and revoke this one.";

// What the command that ran needs: the API, where to print, and how, and where a secret given
// as "-" comes from.
struct Invocation {
  AdminClient& client;
  std::istream& in;
  std::ostream& out;
  bool json;
};

using Action = std::function<Status(Invocation&)>;

// One JSON request body, written by RapidJSON so names and values are always escaped.
class Body {
 public:
  Body() : writer_(buffer_) { writer_.StartObject(); }

  Body& Str(const char* key, const std::string& value) {
    writer_.Key(key);
    writer_.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    return *this;
  }
  Body& Int(const char* key, int64_t value) {
    writer_.Key(key);
    writer_.Int64(value);
    return *this;
  }
  Body& Bool(const char* key, bool value) {
    writer_.Key(key);
    writer_.Bool(value);
    return *this;
  }
  Body& Null(const char* key) {
    writer_.Key(key);
    writer_.Null();
    return *this;
  }
  Body& StrArray(const char* key, const std::vector<std::string>& values) {
    writer_.Key(key);
    writer_.StartArray();
    for (const std::string& value : values) {
      writer_.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    }
    writer_.EndArray();
    return *this;
  }
  std::string Build() {
    writer_.EndObject();
    return std::string(buffer_.GetString(), buffer_.GetSize());
  }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

// A per-customer limit on the command line: a positive number, or "default" to go back to the
// configured one (sent as null).
struct LimitArg {
  CLI::Option* option = nullptr;
  std::string text;

  bool given() const { return option->count() > 0; }
  void AddTo(Body& body, const char* key) const {
    if (text == "default") {
      body.Null(key);
    } else {
      body.Int(key, std::stoll(text));
    }
  }
};

CLI::Option* AddLimit(CLI::App* sub, const std::string& flag, LimitArg& arg,
                      const std::string& what) {
  arg.option = sub->add_option(flag, arg.text, what + ", or \"default\" for the configured one");
  arg.option->type_name("N|default");
  arg.option->check(CLI::Validator(
      [flag](std::string& value) -> std::string {
        bool digits = !value.empty() && value.size() <= 18 &&
                      value.find_first_not_of("0123456789") == std::string::npos;
        if (value == "default" || digits) return "";
        return flag + " must be a whole number or \"default\", not \"" + value + "\"";
      },
      ""));
  return arg.option;
}

// A whole number that fits T, checked on the text before CLI11 converts it: CLI11 2.1 turns a
// number past the type's range into the type's largest value and "-1" into a huge unsigned one,
// which would send a number the operator did not type. Bounds are the daemon's to check.
template <typename T>
CLI::Validator WholeNumber() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        T value{};
        const char* end = text.data() + text.size();
        auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error == std::errc() && stop == end) return "";
        return "\"" + text + "\" is not a whole number from " +
               std::to_string(std::numeric_limits<T>::min()) + " to " +
               std::to_string(std::numeric_limits<T>::max());
      },
      "");
}

// Prints a successful answer: `data` as JSON with --json, else the readable rendering.
Status Show(Invocation& run, const Result<AdminAnswer>& answer,
            const std::function<void(const AdminAnswer&)>& readable) {
  if (!answer.ok()) return answer.status();
  if (run.json) {
    run.out << answer->DataJson() << '\n';
  } else {
    readable(*answer);
  }
  return Status::Ok();
}

// The command tree. Each leaf registers the action that runs when it is the one parsed.
class Cli {
 public:
  Cli();

  CLI::App& app() { return app_; }

  // A command group ("customer") under the root.
  CLI::App* Group(const std::string& name, const std::string& description) {
    return app_.add_subcommand(name, description);
  }

  // A command ("customer create") with its --json flag and the action it runs.
  CLI::App* Leaf(CLI::App* group, const std::string& name, const std::string& description,
                 Action action) {
    CLI::App* leaf = group->add_subcommand(name, description);
    leaf->add_flag("--json", json_, "print the answer's data as JSON");
    leaves_.emplace_back(leaf, std::move(action));
    return leaf;
  }

  // REQUIRES: app() parsed successfully.
  int Run(std::istream& in, std::ostream& out, std::ostream& err);

 private:
  Result<std::string> DataDir() const;

  CLI::App app_;
  std::string config_path_;
  std::string data_dir_;
  bool json_ = false;
  std::vector<std::pair<CLI::App*, Action>> leaves_;
};

int Fail(const Status& status, std::ostream& err) {
  err << "onairctl: " << status.message() << '\n';
  return kExitError;
}

// Prints "Key 7: oak_..." and the warning that it is shown only once.
void PrintNewKey(std::ostream& out, const std::string& label, const std::string& key) {
  out << label << ": " << key << '\n' << kKeyWarning << '\n';
}

// Renders a single record answer as aligned lines.
auto Record(Invocation& run) {
  return [&run](const AdminAnswer& answer) { PrintRecord(answer.data(), run.out); };
}

// Renders a list answer as a table, or `empty_line` when it is empty.
auto List(Invocation& run, std::string empty_line) {
  return [&run, empty_line](const AdminAnswer& answer) {
    PrintList(answer.data(), empty_line, run.out);
  };
}

void AddCustomerCreate(Cli& cli, CLI::App* group) {
  struct Args {
    std::string name;
    int64_t rate_limit = 0;
    int64_t read_rate_limit = 0;
    CLI::Option* rate_limit_option = nullptr;
    CLI::Option* read_rate_limit_option = nullptr;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      cli.Leaf(group, "create", "create a customer and its first API key", [args](Invocation& run) {
        Body body;
        body.Str("name", args->name);
        if (args->rate_limit_option->count() > 0) {
          body.Int("rate_limit", args->rate_limit);
        }
        if (args->read_rate_limit_option->count() > 0) {
          body.Int("read_rate_limit", args->read_rate_limit);
        }
        auto answer = run.client.Post("/admin/customers", body.Build());
        return Show(run, answer, [&](const AdminAnswer& created) {
          auto data = created.data();
          run.out << "Customer " << FieldText(data, "name") << " created (id "
                  << FieldText(data, "id") << ").\n";
          PrintNewKey(run.out, "Key " + FieldText(data, "key_id"), FieldText(data, "key"));
        });
      });
  cmd->add_option("--name", args->name, "unique name: 1-64 of A-Z a-z 0-9 . _ -")->required();
  args->rate_limit_option = cmd->add_option("--rate-limit", args->rate_limit,
                                            "order creations an hour (default: the configured)")
                                ->check(WholeNumber<int64_t>());
  args->read_rate_limit_option = cmd->add_option("--read-rate-limit", args->read_rate_limit,
                                                 "reads an hour (default: the configured)")
                                     ->check(WholeNumber<int64_t>());
}

// Splits "a,b" into {"a", "b"}; "" and "none" are the empty list.
std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  if (text.empty() || text == "none") return items;
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    items.push_back(text.substr(start, comma - start));
    if (comma == std::string::npos) return items;
    start = comma + 1;
  }
}

void AddCustomerUpdate(Cli& cli, CLI::App* group) {
  struct Args {
    std::string name;
    LimitArg rate_limit;
    LimitArg read_rate_limit;
    std::string webhook;
    bool no_webhook = false;
    std::string roles;
    CLI::Option* webhook_option = nullptr;
    CLI::Option* no_webhook_option = nullptr;
    CLI::Option* roles_option = nullptr;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = cli.Leaf(
      group, "update", "change a customer's rate limits, webhook or roles",
      [args](Invocation& run) {
        Body body;
        if (args->rate_limit.given()) args->rate_limit.AddTo(body, "rate_limit");
        if (args->read_rate_limit.given()) args->read_rate_limit.AddTo(body, "read_rate_limit");
        if (args->no_webhook || (args->webhook_option->count() > 0 && args->webhook == "none")) {
          body.Null("webhook");
        } else if (args->webhook_option->count() > 0) {
          body.Str("webhook", args->webhook);
        }
        if (args->roles_option->count() > 0) body.StrArray("roles", SplitList(args->roles));
        std::string path = "/admin/customers/" + PathSegment(args->name);
        return Show(run, run.client.Patch(path, body.Build()), [&](const AdminAnswer& answer) {
          PrintRecord(answer.data(), run.out);
          if (FieldText(answer.data(), "webhook_secret") != "-") {
            run.out << "The webhook secret is shown only now: give it to the customer to verify "
                       "signatures. Setting the webhook again makes a new one.\n";
          }
        });
      });
  cmd->add_option("NAME", args->name, "the customer's name")->required();
  AddLimit(cmd, "--rate-limit", args->rate_limit, "order creations an hour");
  AddLimit(cmd, "--read-rate-limit", args->read_rate_limit, "reads an hour");
  args->webhook_option =
      cmd->add_option("--webhook", args->webhook,
                      "http(s) URL dispatches are POSTed to (prints a new signing secret once), "
                      "or \"none\" to let the customer pull")
          ->type_name("URL|none");
  args->no_webhook_option = cmd->add_flag("--no-webhook", args->no_webhook,
                                          "remove the webhook (as --webhook none): the customer "
                                          "pulls its dispatches");
  args->no_webhook_option->excludes(args->webhook_option);
  args->roles_option =
      cmd->add_option("--roles,--role", args->roles,
                      "set the customer's roles to this comma-separated list, replacing the "
                      "current ones; \"none\" removes them all. The one role: reporter (may "
                      "push live reports with POST /api/live-reports)")
          ->type_name("ROLE,...|none");
  cmd->callback([args] {
    if (!args->rate_limit.given() && !args->read_rate_limit.given() &&
        args->webhook_option->count() == 0 && !args->no_webhook &&
        args->roles_option->count() == 0) {
      throw CLI::ValidationError(
          "customer update",
          "give --rate-limit, --read-rate-limit, --webhook, --no-webhook or --roles");
    }
  });
}

void AddCustomerCommands(Cli& cli) {
  CLI::App* group = cli.Group("customer", "create, list and change customers");
  AddCustomerCreate(cli, group);
  cli.Leaf(group, "list", "list customers", [](Invocation& run) {
    return Show(run, run.client.Get("/admin/customers"), List(run, "No customers."));
  });
  AddCustomerUpdate(cli, group);
}

void AddKeyCommands(Cli& cli) {
  CLI::App* group = cli.Group("key", "issue, list and revoke customers' API keys");

  auto customer = std::make_shared<std::string>();
  CLI::App* create =
      cli.Leaf(group, "create", "issue another API key to a customer", [customer](Invocation& run) {
        std::string body = Body().Str("customer", *customer).Build();
        return Show(run, run.client.Post("/admin/keys", body), [&](const AdminAnswer& answer) {
          auto data = answer.data();
          PrintNewKey(run.out,
                      "Key " + FieldText(data, "key_id") + " for " + FieldText(data, "customer"),
                      FieldText(data, "key"));
        });
      });
  create->add_option("--customer", *customer, "the customer's name")->required();

  auto filter = std::make_shared<std::string>();
  CLI::App* list = cli.Leaf(
      group, "list", "list API keys (never the keys themselves)", [filter](Invocation& run) {
        QueryParams query;
        if (!filter->empty()) query.emplace_back("customer", *filter);
        return Show(run, run.client.Get("/admin/keys", query), List(run, "No keys."));
      });
  list->add_option("--customer", *filter, "only this customer's keys");

  auto key_id = std::make_shared<uint64_t>();
  CLI::App* revoke =
      cli.Leaf(group, "revoke", "revoke an API key at once", [key_id](Invocation& run) {
        std::string path = "/admin/keys/" + std::to_string(*key_id) + "/revoke";
        return Show(run, run.client.Post(path, "{}"), [&](const AdminAnswer& answer) {
          run.out << "Key " << FieldText(answer.data(), "key_id") << " of "
                  << FieldText(answer.data(), "customer") << " revoked.\n";
        });
      });
  revoke->add_option("KEY_ID", *key_id, "the key's id, from `onairctl key list`")
      ->check(WholeNumber<uint64_t>())
      ->required();
}

void AddServiceAdd(Cli& cli, CLI::App* group) {
  struct Args {
    int64_t id = 0;
    std::string name;
    int64_t min = 0;
    int64_t max = 0;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = cli.Leaf(group, "add", "add a service", [args](Invocation& run) {
    std::string body = Body()
                           .Int("service_id", args->id)
                           .Str("name", args->name)
                           .Int("quantity_min", args->min)
                           .Int("quantity_max", args->max)
                           .Build();
    return Show(run, run.client.Post("/admin/services", body), Record(run));
  });
  cmd->add_option("--id", args->id, "the service_id customers send")
      ->check(WholeNumber<int64_t>())
      ->required();
  cmd->add_option("--name", args->name, "e.g. \"60 Minutes Live Viewers\"")->required();
  cmd->add_option("--min", args->min, "smallest quantity an order may ask for")
      ->check(WholeNumber<int64_t>())
      ->required();
  cmd->add_option("--max", args->max, "largest quantity an order may ask for")
      ->check(WholeNumber<int64_t>())
      ->required();
}

void AddServiceUpdate(Cli& cli, CLI::App* group) {
  struct Args {
    int64_t id = 0;
    std::string name;
    int64_t min = 0;
    int64_t max = 0;
    CLI::Option* name_option = nullptr;
    CLI::Option* min_option = nullptr;
    CLI::Option* max_option = nullptr;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      cli.Leaf(group, "update", "change a service's name or bounds", [args](Invocation& run) {
        Body body;
        if (args->name_option->count() > 0) body.Str("name", args->name);
        if (args->min_option->count() > 0) body.Int("quantity_min", args->min);
        if (args->max_option->count() > 0) body.Int("quantity_max", args->max);
        std::string path = "/admin/services/" + std::to_string(args->id);
        return Show(run, run.client.Patch(path, body.Build()), Record(run));
      });
  cmd->add_option("ID", args->id, "the service's id")->check(WholeNumber<int64_t>())->required();
  args->name_option = cmd->add_option("--name", args->name, "new name");
  args->min_option =
      cmd->add_option("--min", args->min, "new smallest quantity")->check(WholeNumber<int64_t>());
  args->max_option =
      cmd->add_option("--max", args->max, "new largest quantity")->check(WholeNumber<int64_t>());
  cmd->callback([args] {
    if (args->name_option->count() + args->min_option->count() + args->max_option->count() == 0) {
      throw CLI::ValidationError("service update", "give --name, --min or --max");
    }
  });
}

// `service enable ID` / `service disable ID`: PATCH {"active": ...}.
void AddServiceSwitch(Cli& cli, CLI::App* group, bool active) {
  auto id = std::make_shared<int64_t>();
  const char* verb = active ? "enable" : "disable";
  const char* description = active ? "let new orders name the service again"
                                   : "refuse new orders for the service (old ones keep it)";
  CLI::App* cmd = cli.Leaf(group, verb, description, [id, active](Invocation& run) {
    std::string path = "/admin/services/" + std::to_string(*id);
    return Show(run, run.client.Patch(path, Body().Bool("active", active).Build()),
                [&](const AdminAnswer& answer) {
                  run.out << "Service " << FieldText(answer.data(), "service_id") << " ("
                          << FieldText(answer.data(), "name") << ") "
                          << (active ? "enabled" : "disabled") << ".\n";
                });
  });
  cmd->add_option("ID", *id, "the service's id")->check(WholeNumber<int64_t>())->required();
}

void AddServiceCommands(Cli& cli) {
  CLI::App* group = cli.Group("service", "manage the catalogue of services orders name");
  AddServiceAdd(cli, group);
  AddServiceUpdate(cli, group);
  AddServiceSwitch(cli, group, /*active=*/false);
  AddServiceSwitch(cli, group, /*active=*/true);
  cli.Leaf(group, "list", "list every service, active or not", [](Invocation& run) {
    return Show(run, run.client.Get("/admin/services"), List(run, "No services."));
  });
}

void AddOrderList(Cli& cli, CLI::App* group) {
  struct Args {
    std::string status;
    std::string customer;
    int64_t limit = 0;
    std::string cursor;
    CLI::Option* limit_option = nullptr;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = cli.Leaf(group, "list", "list orders, newest first", [args](Invocation& run) {
    QueryParams query;
    if (!args->status.empty()) query.emplace_back("status", args->status);
    if (!args->customer.empty()) query.emplace_back("customer", args->customer);
    if (args->limit_option->count() > 0) query.emplace_back("limit", std::to_string(args->limit));
    if (!args->cursor.empty()) query.emplace_back("cursor", args->cursor);
    return Show(run, run.client.Get("/admin/orders", query), [&](const AdminAnswer& answer) {
      PrintOrderList(answer.data(), run.out);
      if (auto next = answer.next_cursor()) run.out << "More: add --cursor " << *next << '\n';
    });
  });
  cmd->add_option("--status", args->status, "active, expired or cancelled");
  cmd->add_option("--customer", args->customer, "only this customer's orders");
  args->limit_option = cmd->add_option("--limit", args->limit, "page size, 1-100 (20)")
                           ->check(WholeNumber<int64_t>());
  cmd->add_option("--cursor", args->cursor, "continue after a previous page");
}

// The dispatches of an order detail in state `cancelled`. Right after a cancel these are the ones
// it cancelled: a dispatch is only ever cancelled with its order, and an order only once.
int CancelledDispatches(simdjson::dom::element order) {
  simdjson::dom::array dispatches;
  if (order["dispatches"].get(dispatches) != simdjson::SUCCESS) return 0;
  int cancelled = 0;
  for (simdjson::dom::element dispatch : dispatches) {
    if (FieldText(dispatch, "state") == "cancelled") ++cancelled;
  }
  return cancelled;
}

void AddOrderCancel(Cli& cli, CLI::App* group) {
  auto id = std::make_shared<std::string>();
  CLI::App* cmd = cli.Leaf(
      group, "cancel", "cancel an order and its undelivered dispatches", [id](Invocation& run) {
        std::string path = "/admin/orders/" + PathSegment(*id) + "/cancel";
        return Show(run, run.client.Post(path, "{}"), [&](const AdminAnswer& answer) {
          run.out << "Order " << FieldText(answer.data(), "order_id") << " of "
                  << FieldText(answer.data(), "customer") << " is now "
                  << FieldText(answer.data(), "status");
          if (int cancelled = CancelledDispatches(answer.data()); cancelled > 0) {
            run.out << ", with " << cancelled << " undelivered dispatch"
                    << (cancelled == 1 ? "" : "es");
          }
          run.out << ".\n";
        });
      });
  cmd->add_option("ID", *id, "onair's order id, e.g. MP-000001")->required();
}

void AddOrderCommands(Cli& cli) {
  CLI::App* group = cli.Group("order", "look at and cancel orders");
  AddOrderList(cli, group);
  AddOrderCancel(cli, group);

  auto id = std::make_shared<std::string>();
  CLI::App* show = cli.Leaf(group, "show", "show one order", [id](Invocation& run) {
    return Show(run, run.client.Get("/admin/orders/" + PathSegment(*id)), Record(run));
  });
  show->add_option("ID", *id, "onair's order id, e.g. MP-000001")->required();
}

void AddDispatchCommands(Cli& cli) {
  CLI::App* group = cli.Group("dispatch", "look at and retry dispatches sent to customers");

  struct ListArgs {
    std::string customer;
    std::string order;
    std::string status;
    int64_t limit = 0;
    std::string cursor;
    CLI::Option* limit_option = nullptr;
  };
  auto args = std::make_shared<ListArgs>();
  CLI::App* list =
      cli.Leaf(group, "list", "list dispatches, oldest first", [args](Invocation& run) {
        QueryParams query;
        if (!args->customer.empty()) query.emplace_back("customer", args->customer);
        if (!args->order.empty()) query.emplace_back("order", args->order);
        if (!args->status.empty()) query.emplace_back("status", args->status);
        if (args->limit_option->count() > 0)
          query.emplace_back("limit", std::to_string(args->limit));
        if (!args->cursor.empty()) query.emplace_back("cursor", args->cursor);
        return Show(run, run.client.Get("/admin/dispatches", query),
                    [&](const AdminAnswer& answer) {
                      PrintDispatchList(answer.data(), run.out);
                      if (auto next = answer.next_cursor())
                        run.out << "More: add --cursor " << *next << '\n';
                    });
      });
  list->add_option("--customer", args->customer, "only this customer's dispatches");
  list->add_option("--order", args->order, "only this order's, e.g. MP-000001");
  list->add_option("--status", args->status, "pending, sent, acked, undeliverable or cancelled");
  args->limit_option = list->add_option("--limit", args->limit, "page size, 1-100 (20)")
                           ->check(WholeNumber<int64_t>());
  list->add_option("--cursor", args->cursor, "continue after a previous page");

  auto id = std::make_shared<std::string>();
  CLI::App* retry = cli.Leaf(group, "retry", "send a dispatch again, now", [id](Invocation& run) {
    std::string path = "/admin/dispatches/" + PathSegment(*id) + "/retry";
    return Show(run, run.client.Post(path, "{}"), [&](const AdminAnswer& answer) {
      run.out << "Dispatch " << FieldText(answer.data(), "id") << " is "
              << FieldText(answer.data(), "state") << " again.\n";
    });
  });
  retry->add_option("ID", *id, "the dispatch's id, e.g. D-000001")->required();
}

void AddLiveCommands(Cli& cli) {
  CLI::App* group = cli.Group("live", "report pages live or not, as the operator's watchers see");

  struct ReportArgs {
    std::string url;
    int64_t viewers = 0;
    std::string stream;
    CLI::Option* viewers_option = nullptr;
    CLI::Option* stream_option = nullptr;
  };
  auto report = std::make_shared<ReportArgs>();
  CLI::App* report_cmd = cli.Leaf(group, "report", "report a page live", [report](Invocation& run) {
    Body body;
    body.Str("url", report->url).Bool("live", true);
    if (report->viewers_option->count() > 0) body.Int("viewers", report->viewers);
    if (report->stream_option->count() > 0) body.Str("stream_id", report->stream);
    return Show(run, run.client.Post("/admin/live-reports", body.Build()), Record(run));
  });
  report_cmd->add_option("URL", report->url, "the page's Facebook URL")->required();
  report->viewers_option =
      report_cmd
          ->add_option("--viewers", report->viewers,
                       "live viewers now, 0 or more (left out: the session keeps its last count)")
          ->check(WholeNumber<int64_t>());
  report->stream_option = report_cmd->add_option(
      "--stream", report->stream, "the broadcast's id when known: a new one starts a new session");

  auto url = std::make_shared<std::string>();
  CLI::App* end_cmd =
      cli.Leaf(group, "end", "report a page no longer live", [url](Invocation& run) {
        std::string body = Body().Str("url", *url).Bool("live", false).Build();
        return Show(run, run.client.Post("/admin/live-reports", body), Record(run));
      });
  end_cmd->add_option("URL", *url, "the page's Facebook URL")->required();
}

// A secret option's value: as given, or for "-" the first line of standard input (without its
// line end), so the secret stays out of shell history and the process list.
Result<std::string> SecretArg(const std::string& value, std::istream& in, const std::string& what) {
  if (value != "-") return value;
  std::string line;
  if (!std::getline(in, line)) return Status::InvalidArgument("no " + what + " on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) return Status::InvalidArgument("the " + what + " on standard input is empty");
  return line;
}

void AddPageCommands(Cli& cli) {
  CLI::App* group = cli.Group("page", "watched pages and their Graph connections");

  cli.Leaf(group, "list", "list the pages watched now", [](Invocation& run) {
    return Show(run, run.client.Get("/admin/pages"), List(run, "No watched pages."));
  });

  struct ConnectArgs {
    std::string url;
    std::string page_id;
    std::string token;
  };
  auto connect = std::make_shared<ConnectArgs>();
  CLI::App* connect_cmd =
      cli.Leaf(group, "connect", "connect a page for the graph detector (or replace its token)",
               [connect](Invocation& run) {
                 Result<std::string> token = SecretArg(connect->token, run.in, "page token");
                 if (!token.ok()) return token.status();
                 std::string body = Body()
                                        .Str("url", connect->url)
                                        .Str("page_id", connect->page_id)
                                        .Str("token", *token)
                                        .Build();
                 return Show(run, run.client.Post("/admin/page-connections", body), Record(run));
               });
  connect_cmd->add_option("URL", connect->url, "the page's Facebook URL")->required();
  connect_cmd->add_option("--page-id", connect->page_id, "the page's numeric Graph id")->required();
  connect_cmd
      ->add_option("--token", connect->token,
                   "the page access token; \"-\" reads it from the first line of standard input, "
                   "keeping it out of shell history and the process list")
      ->type_name("TOKEN|-")
      ->required();

  cli.Leaf(group, "connections", "list connected pages", [](Invocation& run) {
    return Show(run, run.client.Get("/admin/page-connections"), List(run, "No page connections."));
  });

  auto url = std::make_shared<std::string>();
  CLI::App* disconnect_cmd =
      cli.Leaf(group, "disconnect", "remove a page's connection", [url](Invocation& run) {
        std::string body = Body().Str("url", *url).Build();
        return Show(run, run.client.Post("/admin/page-connections/remove", body),
                    [&](const AdminAnswer& answer) {
                      run.out << "Page " << FieldText(answer.data(), "page") << " disconnected.\n";
                    });
      });
  disconnect_cmd->add_option("URL", *url, "the page's Facebook URL")->required();
}

Cli::Cli() : app_("onairctl: administer a running onaird through its admin API", "onairctl") {
  // NOTE: no require_subcommand: with it CLI11 answers a mistyped command ("customer delete")
  // with "A subcommand is required" instead of naming the word it did not expect. Run() checks
  // that a command was given.
  app_.fallthrough();  // global options may also come after the command
  app_.add_option("--config", config_path_, "onaird's configuration file")
      ->type_name("FILE")
      ->default_str(kDefaultConfigPath);
  app_.add_option("--data-dir", data_dir_,
                  "onaird's data directory (default: storage.data_dir of the config file)")
      ->type_name("DIR");
  app_.set_version_flag("--version", ONAIR_VERSION);

  AddCustomerCommands(*this);
  AddKeyCommands(*this);
  AddServiceCommands(*this);
  AddOrderCommands(*this);
  AddDispatchCommands(*this);
  AddLiveCommands(*this);
  AddPageCommands(*this);
  Leaf(&app_, "status", "show the daemon's version, addresses and counts",
       [](Invocation& run) { return Show(run, run.client.Get("/admin/status"), Record(run)); });
}

int Cli::Run(std::istream& in, std::ostream& out, std::ostream& err) {
  const Action* action = nullptr;
  for (const auto& [leaf, leaf_action] : leaves_) {
    if (leaf->parsed()) action = &leaf_action;
  }
  if (action == nullptr) {
    // A group without its command, or nothing at all: show what could follow.
    const CLI::App* deepest = &app_;
    for (const CLI::App* group : app_.get_subcommands()) deepest = group;
    err << (deepest == &app_ ? app_.help() : deepest->help(app_.get_name()));
    return kExitUsage;
  }

  Result<std::string> data_dir = DataDir();
  if (!data_dir.ok()) return Fail(data_dir.status(), err);
  Result<DaemonAddress> address = FindDaemon(*data_dir);
  if (!address.ok()) return Fail(address.status(), err);

  AdminClient client(std::move(*address));
  Invocation run{client, in, out, json_};
  Status status = (*action)(run);
  if (!status.ok()) return Fail(status, err);
  return kExitOk;
}

// Without --data-dir the config file names the data directory. With --data-dir alone the file is
// not read, so a broken config does not stop an operator who knows where the data is.
Result<std::string> Cli::DataDir() const {
  bool config_given = !config_path_.empty();
  if (!data_dir_.empty() && !config_given) return data_dir_;

  ConfigOverrides overrides;
  if (!data_dir_.empty()) overrides.data_dir = data_dir_;
  Result<Config> config =
      LoadConfig(config_given ? config_path_ : kDefaultConfigPath, !config_given, overrides);
  if (!config.ok()) return config.status();
  return config->data_dir;
}

}  // namespace

int RunOnairctl(int argc, const char* const* argv, std::istream& in, std::ostream& out,
                std::ostream& err) {
  // NOTE: CLI11 reports parse errors by exception; they stop here, as does anything else
  // thrown, so the process always ends with one of the documented exit codes.
  try {
    Cli cli;
    try {
      cli.app().parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      int code = cli.app().exit(e, out, err);
      return code == 0 ? kExitOk : kExitUsage;
    }
    return cli.Run(in, out, err);
  } catch (const std::exception& e) {
    err << "onairctl: " << e.what() << '\n';
    return kExitError;
  }
}

int RunOnairctl(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  return RunOnairctl(argc, argv, std::cin, out, err);
}

}  // namespace onair::ctl
