# Run after each test executable is linked: fails the build when a Catch2 test name cannot become a
# ctest of its own. catch_discover_tests makes a list of the names, so a ';' splits a name into two
# tests that match no case; a name starting with '-' is read as an option, and one starting with '#'
# is listed in quotes. (Any other name that matches no case fails under ctest: the tests run with
# `-w NoTests`.)
separate_arguments(EMULATOR UNIX_COMMAND "${EMULATOR}")  # a cross build's emulator and its options
execute_process(COMMAND ${EMULATOR} "${EXECUTABLE}" --list-test-names-only
                OUTPUT_VARIABLE names RESULT_VARIABLE rc)
if(rc LESS 0 OR NOT rc MATCHES "^[0-9]+$")
  message(FATAL_ERROR "${EXECUTABLE} --list-test-names-only: ${rc}")
endif()
string(REGEX MATCHALL "[^\n]*;[^\n]*" with_semicolon "${names}")
string(REGEX MATCHALL "(^|\n)[-#][^\n]*" with_dash "${names}")
if(with_semicolon OR with_dash)
  string(REPLACE ";" "<;>" with_semicolon "${with_semicolon}")
  message(FATAL_ERROR "${EXECUTABLE}: test names must not contain ';' nor start with '-' or '#':\n"
                      "${with_semicolon}${with_dash}")
endif()
