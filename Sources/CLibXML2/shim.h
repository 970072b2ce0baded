#ifndef YARDSTICK_CLIBXML2_SHIM_H
#define YARDSTICK_CLIBXML2_SHIM_H
// Foundation imports ICU's UErrorCode too; libxml2's ICU-enabled headers would declare a second,
// different one. Keep libxml2's ICU parts out of this module.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/encoding.h>
#include <libxml/dict.h>
// zlib inflates gzip input for the XML push parser (libxml2 links it too).
#include <zlib.h>
#endif
