/**
 * The retrieval benchmark's questions, written before any tuning of the ranking. Each names the
 * manual page that answers it and a phrase of that page's answering passage.
 * - paraphrase: asked the way a user would, avoiding the passage's distinctive words;
 * - terms: shares the key terms with the passage;
 * - keyword: a short search-box query.
 */
export type QuestionKind = 'paraphrase' | 'terms' | 'keyword';

export interface Question {
  kind: QuestionKind;
  text: string;
  /** The manual page (document title) that answers it. */
  page: string;
  /** Words of the answering passage, compared with whitespace collapsed and case ignored. */
  answer: string;
}

const q = (kind: QuestionKind, page: string, text: string, answer: string): Question => ({ kind, text, page, answer });

export const QUESTIONS: Question[] = [
  q('paraphrase', 'tar', 'How do I unpack everything from a bundle someone sent me?', 'Extract files from an archive'),
  q(
    'paraphrase',
    'tar',
    'When bundling a folder, can I leave out some files by their name?',
    'Exclude files matching PATTERN',
  ),
  q(
    'paraphrase',
    'cp',
    'Duplicate files but keep their owner and modification times as they were',
    'preserve the specified attributes',
  ),
  q(
    'paraphrase',
    'cp',
    'Only copy items that changed since last time, skipping targets that are more recent',
    'newer than the destination file',
  ),
  q(
    'paraphrase',
    'ls',
    'Show the contents of a directory with the biggest entries at the top',
    'sort by file size, largest first',
  ),
  q(
    'paraphrase',
    'ls',
    'My dotfiles do not appear when I view a folder. How do I display them?',
    'do not ignore entries starting with',
  ),
  q(
    'paraphrase',
    'find',
    'Locate things whose contents were altered within the past few days',
    'data was last modified',
  ),
  q('paraphrase', 'find', 'Perform some program on every result when searching through directories', 'Execute command'),
  q(
    'paraphrase',
    'grep',
    'Match text regardless of capital or small letters when searching a file for lines',
    'Ignore case distinctions',
  ),
  q('paraphrase', 'grep', 'Print only the lines lacking the given text', 'select non-matching lines'),
  q(
    'paraphrase',
    'grep',
    'Tell me which files have a hit, not the lines themselves',
    'print the name of each input file',
  ),
  q(
    'paraphrase',
    'sed',
    'Change a file on disk directly with the stream editor and keep a backup copy',
    'edit files in place',
  ),
  q(
    'paraphrase',
    'chmod',
    'How to stop ordinary people from erasing files they do not own in a shared folder?',
    'restricted deletion flag',
  ),
  q(
    'paraphrase',
    'df',
    'How much room is left on my drives, in megabytes and gigabytes rather than blocks?',
    'print sizes in powers of 1024',
  ),
  q(
    'paraphrase',
    'du',
    'How big is one directory altogether, without listing every subfolder?',
    'display only a total for each argument',
  ),
  q(
    'paraphrase',
    'ps',
    'Display all the running programs of every user on the machine',
    'To see every process on the system',
  ),
  q(
    'paraphrase',
    'curl',
    'The web page says it moved elsewhere; make the download tool go to the new address',
    'moved to a different location',
  ),
  q(
    'paraphrase',
    'curl',
    'Try the download again a few times when the server has a temporary hiccup',
    'If a transient error is returned',
  ),
  q(
    'paraphrase',
    'ssh',
    'Tunnel a port on my laptop through the remote login to a service on another machine',
    'forwarded to the given host and port',
  ),
  q(
    'paraphrase',
    'ssh',
    'Make the secure shell client detach itself once the password has been entered',
    'go to background just before command execution',
  ),
  q(
    'paraphrase',
    'gzip',
    'Compress something without the original disappearing afterwards',
    "Keep (don't delete) input files",
  ),
  q(
    'paraphrase',
    'gzip',
    'Make the compressed result as small as possible even if it takes longer',
    'indicates the slowest compression method',
  ),
  q(
    'paraphrase',
    'sort',
    'Order lines by their value as numbers rather than alphabetically',
    'compare according to string numerical value',
  ),
  q('paraphrase', 'sort', 'When putting lines in order, drop repeated ones', 'output only the first of an equal run'),
  q(
    'paraphrase',
    'uniq',
    'How many times does each repeated line appear?',
    'prefix lines by the number of occurrences',
  ),
  q(
    'paraphrase',
    'date',
    'What day of the week will it be next Thursday? Compute it from a description',
    'display time described by STRING',
  ),
  q(
    'paraphrase',
    'ln',
    'Create a soft shortcut that points to another path',
    'make symbolic links instead of hard links',
  ),
  q(
    'paraphrase',
    'mkdir',
    'Create a nested folder path in one go, including the missing levels above it',
    'make parent directories as needed',
  ),
  q('paraphrase', 'touch', 'Give a file an arbitrary timestamp from the past', 'use it instead of current time'),
  q(
    'paraphrase',
    'xargs',
    'File names with spaces break when I pipe them into the argument builder; can zero bytes separate them?',
    'terminated by a null character',
  ),
  q(
    'paraphrase',
    'cut',
    'Pick the third column of a comma-separated file',
    'use DELIM instead of TAB for field delimiter',
  ),
  q('paraphrase', 'split', 'Break a large file into pieces of 100 megabytes each', 'put SIZE bytes per output file'),
  q(
    'paraphrase',
    'nice',
    'Start a job at lower CPU importance so it does not slow the rest of the machine',
    'modified scheduling priority',
  ),
  q(
    'paraphrase',
    'timeout',
    'Stop a program automatically if it takes longer than a minute',
    'kill it if still running after DURATION',
  ),
  q(
    'paraphrase',
    'sha256sum',
    'Verify downloaded files against a list of hashes',
    'read checksums from the FILEs and check them',
  ),
  q(
    'paraphrase',
    'useradd',
    'When adding an account, also make its personal folder',
    "Create the user's home directory if it does not exist",
  ),
  q(
    'paraphrase',
    'passwd',
    "Disable someone's login credentials temporarily",
    'Lock the password of the named account',
  ),
  q(
    'paraphrase',
    'git',
    'Operate on a repository located in another folder without changing into it first',
    'Run as if git was started in',
  ),
  q(
    'paraphrase',
    'xz',
    'Use several processor cores to compress faster with the LZMA tool',
    'Specify the number of worker threads to use',
  ),
  q(
    'paraphrase',
    'tee',
    'Copy output to a file and the screen, adding to the end instead of replacing it',
    'append to the given FILEs, do not overwrite',
  ),
  q('paraphrase', 'nohup', 'Keep a program running after I log out of the terminal', 'immune to hangups'),
  q(
    'paraphrase',
    'readlink',
    'Resolve the absolute real path of a file through all its links',
    'following every symlink in every component',
  ),
  q('paraphrase', 'env', 'Run a program with no inherited variables at all', 'start with an empty environment'),
  q('paraphrase', 'journalctl', 'Stream the system log live as new messages arrive', 'continuously print new entries'),
  q('paraphrase', 'systemctl', 'Make a service start automatically when the machine boots', 'Enable one or more units'),
  q(
    'paraphrase',
    'dpkg',
    'Show which software bundles are installed on this Debian system',
    'List packages matching given pattern',
  ),
  q(
    'paraphrase',
    'psql',
    'Execute one SQL statement from the shell with the PostgreSQL client and exit',
    'is to execute the given command string',
  ),
  q(
    'paraphrase',
    'pg_dump',
    'Back up a database in a form I can restore selectively later',
    'Output a custom-format archive suitable for input into pg_restore',
  ),
  q(
    'paraphrase',
    'make',
    'Build using several compilations at once to go faster',
    'Specifies the number of jobs (commands) to run simultaneously',
  ),
  q(
    'paraphrase',
    'wget',
    'Pick up an interrupted download where it stopped',
    'Continue getting a partially-downloaded file',
  ),
  q(
    'paraphrase',
    'lsblk',
    'Show the disks and partitions attached to the computer',
    'information about all available or the specified block devices',
  ),
  q(
    'paraphrase',
    'truncate',
    'Empty a log file without deleting it, making it zero length',
    'Shrink or extend the size of each FILE',
  ),
  q(
    'paraphrase',
    'shred',
    'Securely erase a file so nobody can get the contents back',
    'make it harder for even very expensive hardware probing',
  ),
  q(
    'paraphrase',
    'apt-get',
    'Clean out libraries that nothing requires anymore',
    'automatically installed to satisfy dependencies',
  ),

  q('terms', 'df', 'How do I list inode information with df?', 'list inode information instead of block usage'),
  q(
    'terms',
    'chown',
    'chown: change the owner of files and directories recursively',
    'operate on files and directories recursively',
  ),
  q('terms', 'diff', 'How many lines of unified context does diff output?', 'lines of unified context'),
  q('terms', 'unzip', 'unzip: list archive files without extracting them', 'list archive files'),
  q(
    'terms',
    'mktemp',
    'Create a temporary file or directory safely in a script',
    'Create a temporary file or directory, safely',
  ),
  q('terms', 'shuf', 'Generate random permutations of input lines', 'generate random permutations'),
  q(
    'terms',
    'grep',
    'grep: read all files under each directory recursively',
    'Read all files under each directory, recursively',
  ),
  q('terms', 'tar', 'tar -z: filter the archive through gzip', 'Filter the archive through gzip'),
  q(
    'terms',
    'ssh',
    'Which identity file holds the private key for public key authentication in ssh?',
    'identity (private key) for public key authentication',
  ),
  q('terms', 'curl', 'curl: write output to a file instead of stdout', 'instead of stdout'),
  q(
    'terms',
    'git',
    'Pass a configuration parameter to a git command with -c',
    'Pass a configuration parameter to the command',
  ),
  q(
    'terms',
    'sed',
    'Use extended regular expressions in a sed script',
    'use extended regular expressions in the script',
  ),
  q(
    'terms',
    'journalctl',
    'journalctl: show messages for the specified systemd unit',
    'Show messages for the specified systemd unit',
  ),
  q('terms', 'ps', 'ps --sort: specify the sorting order of the process list', 'Specify sorting order'),
  q(
    'terms',
    'xargs',
    'xargs max-args: use at most N arguments per command line',
    'Use at most max-args arguments per command line',
  ),
  q(
    'terms',
    'dpkg',
    'dpkg --purge: remove an installed package including its conffiles',
    'Purge an installed or already removed package',
  ),
  q('terms', 'ls', 'ls: use a long listing format', 'use a long listing format'),
  q('terms', 'find', 'find -size: files that use more than n units of space', 'units of space'),
  q('terms', 'kill', 'kill: list signal names', 'List signal names'),
  q('terms', 'tar', 'tar: exclude version control system directories', 'Exclude version control system directories'),

  q('keyword', 'tail', 'tail follow', 'output appended data as the file grows'),
  q('keyword', 'uname', 'uname kernel release', 'print the kernel release'),
  q('keyword', 'base64', 'base64 decode', 'decode data'),
  q('keyword', 'rm', '--preserve-root', "do not remove '/'"),
  q('keyword', 'seq', 'seq --equal-width', 'equalize width by padding with leading zeroes'),
  q('keyword', 'jq', 'jq --raw-output', 'rather than being formatted as a JSON string with quotes'),
  q('keyword', 'chmod', 'chmod setuid', 'set user or group ID on execution'),
];
