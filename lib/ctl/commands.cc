#include "ctl/commands.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <exception>
#include <functional>
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

// What the command that ran needs: the API, where to print, and how.
struct Invocation {
  AdminClient& client;
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
  Cli() : app_("onairctl: administer a running onaird through its admin API", "onairctl") {
    // NOTE: no require_subcommand: with it CLI11 answers a mistyped command ("customer delete")
    // with "A subcommand is required" instead of naming the word it did not expect. Run()
    // checks that a command was given.
    app_.fallthrough();  // global options may also come after the command
    app_.add_option("--config", config_path_, "onaird's configuration file")
        ->type_name("FILE")
        ->default_str(kDefaultConfigPath);
    app_.add_option("--data-dir", data_dir_,
                    "onaird's data directory (default: storage.data_dir of the config file)")
        ->type_name("DIR");
    app_.set_version_flag("--version", ONAIR_VERSION);

    AddCustomerCommands();
    AddKeyCommands();
    AddServiceCommands();
    AddOrderCommands();
    AddStatusCommand();
  }

  CLI::App& app() { return app_; }

  // REQUIRES: app() parsed successfully.
  int Run(std::ostream& out, std::ostream& err) {
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
    Invocation run{client, out, json_};
    Status status = (*action)(run);
    if (!status.ok()) return Fail(status, err);
    return kExitOk;
  }

 private:
  static int Fail(const Status& status, std::ostream& err) {
    err << "onairctl: " << status.message() << '\n';
    return kExitError;
  }

  // Without --data-dir the config file names the data directory. With --data-dir alone the
  // file is not read, so a broken config does not stop an operator who knows where data is.
  Result<std::string> DataDir() const {
    bool config_given = !config_path_.empty();
    if (!data_dir_.empty() && !config_given) return data_dir_;

    ConfigOverrides overrides;
    if (!data_dir_.empty()) overrides.data_dir = data_dir_;
    Result<Config> config =
        LoadConfig(config_given ? config_path_ : kDefaultConfigPath, !config_given, overrides);
    if (!config.ok()) return config.status();
    return config->data_dir;
  }

  CLI::App* Leaf(CLI::App* group, const std::string& name, const std::string& description,
                 Action action) {
    CLI::App* leaf = group->add_subcommand(name, description);
    leaf->add_flag("--json", json_, "print the answer's data as JSON");
    leaves_.emplace_back(leaf, std::move(action));
    return leaf;
  }

  CLI::App* Group(const std::string& name, const std::string& description) {
    return app_.add_subcommand(name, description);
  }

  void AddCustomerCommands();
  void AddKeyCommands();
  void AddServiceCommands();
  void AddOrderCommands();
  void AddStatusCommand();

  CLI::App app_;
  std::string config_path_;
  std::string data_dir_;
  bool json_ = false;
  std::vector<std::pair<CLI::App*, Action>> leaves_;
};

void Cli::AddCustomerCommands() {
  CLI::App* customer = Group("customer", "create, list and change customers");

  struct Create {
    std::string name;
    int64_t rate_limit = 0;
    int64_t read_rate_limit = 0;
    CLI::Option* rate_limit_option = nullptr;
    CLI::Option* read_rate_limit_option = nullptr;
  };
  auto create = std::make_shared<Create>();
  CLI::App* create_cmd = Leaf(
      customer, "create", "create a customer and its first API key", [create](Invocation& run) {
        Body body;
        body.Str("name", create->name);
        if (create->rate_limit_option->count() > 0) {
          body.Int("rate_limit", create->rate_limit);
        }
        if (create->read_rate_limit_option->count() > 0) {
          body.Int("read_rate_limit", create->read_rate_limit);
        }
        return Show(run, run.client.Post("/admin/customers", body.Build()),
                    [&](const AdminAnswer& answer) {
                      auto data = answer.data();
                      run.out << "Customer " << FieldText(data, "name") << " created (id "
                              << FieldText(data, "id") << ").\nKey " << FieldText(data, "key_id")
                              << ": " << FieldText(data, "key") << "\n"
                              << kKeyWarning << '\n';
                    });
      });
  create_cmd->add_option("--name", create->name, "unique name: 1-64 of A-Z a-z 0-9 . _ -")
      ->required();
  create->rate_limit_option = create_cmd->add_option(
      "--rate-limit", create->rate_limit, "order creations an hour (default: the configured)");
  create->read_rate_limit_option = create_cmd->add_option(
      "--read-rate-limit", create->read_rate_limit, "reads an hour (default: the configured)");

  Leaf(customer, "list", "list customers", [](Invocation& run) {
    return Show(run, run.client.Get("/admin/customers"), [&](const AdminAnswer& answer) {
      PrintList(answer.data(), "No customers.", run.out);
    });
  });

  struct Update {
    std::string name;
    LimitArg rate_limit;
    LimitArg read_rate_limit;
  };
  auto update = std::make_shared<Update>();
  CLI::App* update_cmd =
      Leaf(customer, "update", "change a customer's rate limits", [update](Invocation& run) {
        Body body;
        if (update->rate_limit.given()) update->rate_limit.AddTo(body, "rate_limit");
        if (update->read_rate_limit.given()) {
          update->read_rate_limit.AddTo(body, "read_rate_limit");
        }
        return Show(run,
                    run.client.Patch("/admin/customers/" + PathSegment(update->name), body.Build()),
                    [&](const AdminAnswer& answer) { PrintRecord(answer.data(), run.out); });
      });
  update_cmd->add_option("NAME", update->name, "the customer's name")->required();
  AddLimit(update_cmd, "--rate-limit", update->rate_limit, "order creations an hour");
  AddLimit(update_cmd, "--read-rate-limit", update->read_rate_limit, "reads an hour");
  update_cmd->callback([update] {
    if (!update->rate_limit.given() && !update->read_rate_limit.given()) {
      throw CLI::ValidationError("customer update", "give --rate-limit or --read-rate-limit");
    }
  });
}

void Cli::AddKeyCommands() {
  CLI::App* key = Group("key", "issue, list and revoke customers' API keys");

  auto customer = std::make_shared<std::string>();
  CLI::App* create_cmd =
      Leaf(key, "create", "issue another API key to a customer", [customer](Invocation& run) {
        return Show(run, run.client.Post("/admin/keys", Body().Str("customer", *customer).Build()),
                    [&](const AdminAnswer& answer) {
                      auto data = answer.data();
                      run.out << "Key " << FieldText(data, "key_id") << " for "
                              << FieldText(data, "customer") << ": " << FieldText(data, "key")
                              << '\n'
                              << kKeyWarning << '\n';
                    });
      });
  create_cmd->add_option("--customer", *customer, "the customer's name")->required();

  auto filter = std::make_shared<std::string>();
  CLI::App* list_cmd =
      Leaf(key, "list", "list API keys (never the keys themselves)", [filter](Invocation& run) {
        QueryParams query;
        if (!filter->empty()) query.emplace_back("customer", *filter);
        return Show(run, run.client.Get("/admin/keys", query), [&](const AdminAnswer& answer) {
          PrintList(answer.data(), "No keys.", run.out);
        });
      });
  list_cmd->add_option("--customer", *filter, "only this customer's keys");

  auto key_id = std::make_shared<uint64_t>();
  CLI::App* revoke_cmd =
      Leaf(key, "revoke", "revoke an API key at once", [key_id](Invocation& run) {
        std::string path = "/admin/keys/" + std::to_string(*key_id) + "/revoke";
        return Show(run, run.client.Post(path, "{}"), [&](const AdminAnswer& answer) {
          run.out << "Key " << FieldText(answer.data(), "key_id") << " of "
                  << FieldText(answer.data(), "customer") << " revoked.\n";
        });
      });
  revoke_cmd->add_option("KEY_ID", *key_id, "the key's id, from `onairctl key list`")->required();
}

void Cli::AddServiceCommands() {
  CLI::App* service = Group("service", "manage the catalogue of services orders name");

  struct Add {
    int64_t id = 0;
    std::string name;
    int64_t min = 0;
    int64_t max = 0;
  };
  auto add = std::make_shared<Add>();
  CLI::App* add_cmd = Leaf(service, "add", "add a service", [add](Invocation& run) {
    std::string body = Body()
                           .Int("service_id", add->id)
                           .Str("name", add->name)
                           .Int("quantity_min", add->min)
                           .Int("quantity_max", add->max)
                           .Build();
    return Show(run, run.client.Post("/admin/services", body),
                [&](const AdminAnswer& answer) { PrintRecord(answer.data(), run.out); });
  });
  add_cmd->add_option("--id", add->id, "the service_id customers send")->required();
  add_cmd->add_option("--name", add->name, "e.g. \"60 Minutes Live Viewers\"")->required();
  add_cmd->add_option("--min", add->min, "smallest quantity an order may ask for")->required();
  add_cmd->add_option("--max", add->max, "largest quantity an order may ask for")->required();

  struct Update {
    int64_t id = 0;
    std::string name;
    int64_t min = 0;
    int64_t max = 0;
    CLI::Option* name_option = nullptr;
    CLI::Option* min_option = nullptr;
    CLI::Option* max_option = nullptr;
  };
  auto update = std::make_shared<Update>();
  CLI::App* update_cmd =
      Leaf(service, "update", "change a service's name or bounds", [update](Invocation& run) {
        Body body;
        if (update->name_option->count() > 0) body.Str("name", update->name);
        if (update->min_option->count() > 0) body.Int("quantity_min", update->min);
        if (update->max_option->count() > 0) body.Int("quantity_max", update->max);
        return Show(run,
                    run.client.Patch("/admin/services/" + std::to_string(update->id), body.Build()),
                    [&](const AdminAnswer& answer) { PrintRecord(answer.data(), run.out); });
      });
  update_cmd->add_option("ID", update->id, "the service's id")->required();
  update->name_option = update_cmd->add_option("--name", update->name, "new name");
  update->min_option = update_cmd->add_option("--min", update->min, "new smallest quantity");
  update->max_option = update_cmd->add_option("--max", update->max, "new largest quantity");
  update_cmd->callback([update] {
    if (update->name_option->count() + update->min_option->count() + update->max_option->count() ==
        0) {
      throw CLI::ValidationError("service update", "give --name, --min or --max");
    }
  });

  for (bool active : {false, true}) {
    auto id = std::make_shared<int64_t>();
    std::string verb = active ? "enable" : "disable";
    std::string description = active ? "let new orders name the service again"
                                     : "refuse new orders for the service (old ones keep it)";
    CLI::App* cmd = Leaf(service, verb, description, [id, active](Invocation& run) {
      std::string path = "/admin/services/" + std::to_string(*id);
      return Show(run, run.client.Patch(path, Body().Bool("active", active).Build()),
                  [&](const AdminAnswer& answer) {
                    run.out << "Service " << FieldText(answer.data(), "service_id") << " ("
                            << FieldText(answer.data(), "name") << ") "
                            << (active ? "enabled" : "disabled") << ".\n";
                  });
    });
    cmd->add_option("ID", *id, "the service's id")->required();
  }

  Leaf(service, "list", "list every service, active or not", [](Invocation& run) {
    return Show(run, run.client.Get("/admin/services"), [&](const AdminAnswer& answer) {
      PrintList(answer.data(), "No services.", run.out);
    });
  });
}

void Cli::AddOrderCommands() {
  CLI::App* order = Group("order", "look at orders");

  struct List {
    std::string status;
    std::string customer;
    int64_t limit = 0;
    std::string cursor;
    CLI::Option* limit_option = nullptr;
  };
  auto list = std::make_shared<List>();
  CLI::App* list_cmd = Leaf(order, "list", "list orders, newest first", [list](Invocation& run) {
    QueryParams query;
    if (!list->status.empty()) query.emplace_back("status", list->status);
    if (!list->customer.empty()) query.emplace_back("customer", list->customer);
    if (list->limit_option->count() > 0) query.emplace_back("limit", std::to_string(list->limit));
    if (!list->cursor.empty()) query.emplace_back("cursor", list->cursor);
    return Show(run, run.client.Get("/admin/orders", query), [&](const AdminAnswer& answer) {
      PrintOrderList(answer.data(), run.out);
      if (auto next = answer.next_cursor()) run.out << "More: add --cursor " << *next << '\n';
    });
  });
  list_cmd->add_option("--status", list->status, "active, expired or cancelled");
  list_cmd->add_option("--customer", list->customer, "only this customer's orders");
  list->limit_option = list_cmd->add_option("--limit", list->limit, "page size, 1-100 (20)");
  list_cmd->add_option("--cursor", list->cursor, "continue after a previous page");

  auto id = std::make_shared<std::string>();
  CLI::App* show_cmd = Leaf(order, "show", "show one order", [id](Invocation& run) {
    return Show(run, run.client.Get("/admin/orders/" + PathSegment(*id)),
                [&](const AdminAnswer& answer) { PrintRecord(answer.data(), run.out); });
  });
  show_cmd->add_option("ID", *id, "onair's order id, e.g. MP-000001")->required();
}

void Cli::AddStatusCommand() {
  Leaf(&app_, "status", "show the daemon's version, addresses and counts", [](Invocation& run) {
    return Show(run, run.client.Get("/admin/status"),
                [&](const AdminAnswer& answer) { PrintRecord(answer.data(), run.out); });
  });
}

}  // namespace

int RunOnairctl(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
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
    return cli.Run(out, err);
  } catch (const std::exception& e) {
    err << "onairctl: " << e.what() << '\n';
    return kExitError;
  }
}

}  // namespace onair::ctl
