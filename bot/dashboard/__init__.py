"""The supervisors' dashboard: the Action Month at a glance in the browser, scoped by role.

It sits on top of the job packages (like the CLI): it may import them, none imports it.
"""
