from agent.cli.commands import run

run()
