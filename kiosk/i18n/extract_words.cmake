# Writes OUTPUT, a gettext template of every word the code draws: the Danish msgids of tr(), trc(),
# trn() and N_() in the sources under kiosk/ (SOURCE_DIR is the repository). The one list of
# xgettext's options, used by `make pot` and by the test that every po/<code>.po has every word.
# No --omit-header: without the header's charset, xgettext 0.21 drops every non-ASCII byte of a msgid
# ("Forældet" becomes "Forldet").
file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/kiosk/*.cpp ${SOURCE_DIR}/kiosk/*.h)
list(SORT sources)
execute_process(
  COMMAND ${XGETTEXT} --from-code=UTF-8 --language=C++ --keyword=tr --keyword=trc:1c,2 --keyword=trn:1,2
          --keyword=N_ --add-comments=TRANSLATORS: --package-name=kiosk --msgid-bugs-address=kiosk@localhost
          --sort-by-file --no-wrap --output=${OUTPUT} ${sources}
  WORKING_DIRECTORY ${SOURCE_DIR}
  RESULT_VARIABLE failed ERROR_VARIABLE words)
if(failed)
  message(FATAL_ERROR "xgettext failed:\n${words}")
endif()
