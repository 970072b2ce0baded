#ifndef YARDSTICK_CLIBYAML_SHIM_H
#define YARDSTICK_CLIBYAML_SHIM_H
// libyaml's event parser, to measure alias expansion before any YAML tree is built.
#include <yaml.h>
#endif
