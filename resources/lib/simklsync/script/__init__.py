"""The script's actions (RunScript(script.simkl.sync,<action>)) and what they show: login, status."""
