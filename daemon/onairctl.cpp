// onairctl: the operator's command line for a running onaird (see lib/ctl/commands.h).
#include <iostream>

#include "ctl/commands.h"

int main(int argc, char** argv) {
  return onair::ctl::RunOnairctl(argc, argv, std::cout, std::cerr);
}
