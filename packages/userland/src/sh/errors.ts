// The shell's own throwables: errors that abort the current command (and a
// non-interactive shell), and the unwinding of `exit`.

/** An error the shell reports as "sh: MSG" and that sets $? (exits a non-interactive shell when fatal). */
export class ShellError {
  constructor(readonly message: string, readonly status = 2, readonly fatal = true) {}
}

/** `exit N` (or the end of a subshell) unwinding to the shell's top level. */
export class ShellExit {
  constructor(readonly code: number) {}
}

/** ^C in an interactive shell: abandons the command line being run. */
export class ShellInterrupt {}
