from draftdiff.cli import run

run()
