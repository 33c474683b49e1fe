// External Java functions (DMN 1.5 §10.3.2.13.3) without a JVM.
//
// A FEEL `function(a, b) external {java: {class: "java.lang.Math", method signature: "max(double,
// double)"}}`, or a boxed function definition of kind "Java", names a public static Java method.
// Ordo never runs Java; instead it carries its own implementation of the JDK methods such models
// use: java.lang.Math (abs, acos .. tanh, max, min, pow, round, ...), the valueOf/parse methods
// of the boxed number classes, String.valueOf and String.format (%s, %d, %f, %n, %%). A mapping to
// any other class or method yields a function that answers null with a diagnostic naming it.
//
// Arguments convert as §10.3.2.13.3 (Table 66) says: a FEEL number to the parameter's numeric type
// (integral types need a whole number in range), a one-character string to char, a string to
// java.lang.String, a list to an Object[] (varargs); results convert back (a double through its shortest decimal form, as Java's
// BigDecimal.valueOf does). A conversion that fails makes the call null with a diagnostic.
//
// Thread-safety: pure functions; the function values are immutable.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "feel/value.h"

namespace ordo::feel {

// A function value calling `class_name`.`signature` ("max(double, double)") with `parameters` as
// its parameter names. InvalidArgument when the signature is malformed; a method Ordo does not
// carry gives a function that answers null with a diagnostic when called.
Result<Value> MakeJavaFunction(std::string_view class_name, std::string_view signature,
                               std::vector<std::string> parameters);

// The same from an external mapping: a context `{java: {class, method signature}}` (FEEL) or
// `{class, method signature}` (a boxed definition of kind Java). A `pmml` mapping or another
// shape is InvalidArgument.
Result<Value> MakeExternalFunction(const Value& mapping, std::vector<std::string> parameters);

}  // namespace ordo::feel
