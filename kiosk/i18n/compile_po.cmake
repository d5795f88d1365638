# Compiles PO into MO with `msgfmt --check`: a catalogue with a broken header, plural forms that do
# not match its Plural-Forms, or a format that does not match its msgid stops the build with
# msgfmt's own words (file:line).
execute_process(COMMAND ${MSGFMT} --check --output-file=${MO} ${PO}
                RESULT_VARIABLE failed ERROR_VARIABLE words)
if(failed)
  message(FATAL_ERROR "${PO} fails msgfmt --check:\n${words}")
endif()
