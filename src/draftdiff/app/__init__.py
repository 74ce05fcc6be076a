"""The application layer: one module per command, a typed request in, a
result out, nothing printed. The command line parses options into a request,
calls the module and hands the result to one delivery function (format,
stdout or file, exit gate); a program that imports draftdiff can call the
same functions. What a command has to say on the way (a draft left out, a
draft read with problems) goes to the ``notify`` callback it is given."""
