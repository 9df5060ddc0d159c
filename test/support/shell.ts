import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

/** One bash session that runs scripts one after another, keeping variables and functions between them. */
export class Shell {
  private readonly bash: ChildProcessWithoutNullStreams;
  private output = '';
  private count = 0;

  constructor(cwd: string, env: NodeJS.ProcessEnv) {
    this.bash = spawn('bash', ['--noprofile', '--norc'], { cwd, env });
    this.bash.stdout.setEncoding('utf8');
    this.bash.stdout.on('data', (chunk: string) => (this.output += chunk));
    // Any failing command marks the script as failed, without ending the session.
    this.bash.stdin.write("set -o pipefail; failed=0; trap 'failed=1' ERR\n");
  }

  /** Runs a script and answers what it printed; a failing command fails the script. */
  run(script: string, timeoutMs = 30_000): Promise<string> {
    const marker = `__done_${++this.count}__`;
    this.output = '';
    this.bash.stdin.write(`${script}\necho "${marker} $failed"; failed=0\n`);
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        const at = this.output.indexOf(marker);
        if (at >= 0) {
          const status = Number(
            this.output
              .slice(at + marker.length)
              .trim()
              .split('\n')[0],
          );
          const printed = this.output.slice(0, at);
          if (status !== 0) reject(new Error(`script exited ${status}:\n${script}\n${printed}`));
          else resolve(printed);
        } else if (Date.now() - started > timeoutMs)
          reject(new Error(`script timed out:\n${script}`));
        else setTimeout(poll, 20);
      };
      poll();
    });
  }

  close(): void {
    this.bash.stdin.end();
    this.bash.kill();
  }
}
