/**
 * Questions on the Debian documentation corpus (debian-corpus.ts), written before any tuning
 * against it, in the proportions of the held-out evaluation: 25 paraphrases that avoid the
 * answering passage's distinctive words, 10 sharing its key terms, 5 keyword queries. Each
 * names its document (path under the documentation root, `.gz` dropped) and an answering phrase.
 */
import type { Question, QuestionKind } from './questions';

const REFERENCE = 'debian-reference-en/docs';
const q = (kind: QuestionKind, page: string, text: string, answer: string): Question => ({ kind, text, page, answer });

export const DEBIAN_QUESTIONS: Question[] = [
  // Paraphrases.
  q(
    'paraphrase',
    `${REFERENCE}/ch02.en.html`,
    'Can the machine put security fixes on by itself every day without me doing anything?',
    'installing the unattended-upgrades package',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch02.en.html`,
    'How can I tell whether files that came with my installed software were altered or corrupted?',
    'verification of installed',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch02.en.html`,
    'Which preference number does a normal repository get compared with one flagged as not for automatic use?',
    'the default Pin-Priority value is 500',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch01.en.html`,
    'How do I make files I create writable by the rest of my team by default?',
    'umask to 0002',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch03.en.html`,
    'Where does the computer get its own name from when it starts?',
    'sets the system hostname at boot',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch05.en.html`,
    'Which file tells the computer what server to ask to turn site names into addresses?',
    'contains information that initialize the resolver',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch05.en.html`,
    'How do I work out the biggest packet my link carries without it being split up?',
    'without IP fragmentation',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch06.en.html`,
    'How can I log in to another machine without typing my password each time?',
    'Generate authentication keys locally and install the public key',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch06.en.html`,
    'I never protected my private login key with a secret phrase, how do I add one now?',
    'pass phrase was not set',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch08.en.html`,
    'How do I add support for another language and its characters to the system?',
    'Select all required locale data to be compiled into the binary form',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch09.en.html`,
    'Old records of what programs did keep piling up on disk; what keeps them trimmed?',
    'simplify the administration of log files',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch09.en.html`,
    'How do I make a long background job less greedy with the processor?',
    'control the scheduling priority',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch09.en.html`,
    'How can I find out whether my hard drive is about to die?',
    'SMART feature is actually enabled',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch09.en.html`,
    'How do I wipe a whole drive clean before I give the computer away?',
    'Erase everything by overwriting with random data',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch09.en.html`,
    'My remote connection dropped; how do I get back to the programs I left running in the terminal?',
    'magically reattaches all previous',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch09.en.html`,
    'The whole desktop froze; is there a key combination that gets me back in charge of the machine?',
    'rescuing control of the system',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch11.en.html`,
    'How do I change a document from one character set to another?',
    'convert encodings of a text file',
  ),
  q(
    'paraphrase',
    `${REFERENCE}/ch11.en.html`,
    'How can I check that a file holds nothing but valid Unicode?',
    'encoded in UTF-8 with iconv',
  ),
  q(
    'paraphrase',
    'procps/README.Debian',
    'Why are my IPv6 kernel tunables ignored at startup when I built my own kernel?',
    'race condition between the netbase and procps startup scripts',
  ),
  q(
    'paraphrase',
    'file/README.Debian',
    'How can I teach the file type guesser to recognise my own formats?',
    'open /etc/magic and /etc/magic.mime with a text editor',
  ),
  q(
    'paraphrase',
    'gpg-agent/README.Debian',
    'How do I stop my login session from starting the encryption key helper for me?',
    'fall back to its manual mode of operation',
  ),
  q(
    'paraphrase',
    'base-passwd/README',
    'What keeps the built-in system accounts with low numbers the same as the distribution expects?',
    'uids and gids in the 0-99 range',
  ),
  q(
    'paraphrase',
    'tar/README.Debian',
    'Why do I get errors with the old-style compression flags when archiving?',
    'utility installed on the system',
  ),
  q(
    'paraphrase',
    'systemd/README.logs',
    'Where did the plain text log files in the system log folder go?',
    'traditional syslog has been replaced with the Journal',
  ),
  q(
    'paraphrase',
    'python3-pip/html/topics/repeatable-installs.md',
    'How do I make sure a Python project gets exactly the same library releases on every install?',
    'Pinning package versions of your dependencies in the requirements file',
  ),
  // Key terms shared with the passage.
  q(
    'terms',
    `${REFERENCE}/ch09.en.html`,
    'What does pressing Alt-SysRq followed by a key do?',
    'rescuing control of the system',
  ),
  q(
    'terms',
    `${REFERENCE}/ch02.en.html`,
    'Can apt-mark change the auto install flag that aptitude keeps?',
    'manipulated using the apt-mark',
  ),
  q(
    'terms',
    `${REFERENCE}/ch02.en.html`,
    'How does debsums verify installed package files with md5sums?',
    'verification of installed',
  ),
  q(
    'terms',
    `${REFERENCE}/ch05.en.html`,
    'How does the resolvconf package manage /etc/resolv.conf?',
    'manages its contents by the hook scripts',
  ),
  q(
    'terms',
    `${REFERENCE}/ch03.en.html`,
    'What should /etc/hostname contain, a fully qualified domain name or only the hostname?',
    'contain only the system hostname',
  ),
  q('terms', 'procps/README.Debian', 'Is pgrep the Perl compatible regular expression grep?', 'it is called pcregrep'),
  q(
    'terms',
    'xz-utils/faq.txt',
    'Can I convert .tar.7z files to .tar.xz without recompressing?',
    'script named 7z2lzma.bash',
  ),
  q('terms', 'man-db/FAQ', 'Why use man-db instead of man?', 'add database caching to manual page searches'),
  q(
    'terms',
    `${REFERENCE}/ch09.en.html`,
    'How do I reattach a screen session after I detach it?',
    'magically reattaches all previous',
  ),
  q(
    'terms',
    'python3-pip/html/topics/repeatable-installs.md',
    'What does hash-checking protect against when pip downloads packages?',
    'protects against a compromise of PyPI',
  ),
  // Keyword queries.
  q('keyword', `${REFERENCE}/ch06.en.html`, 'ssh-keygen -p', 'pass phrase was not set'),
  q('keyword', `${REFERENCE}/ch02.en.html`, 'unattended-upgrades', 'installing the unattended-upgrades package'),
  q('keyword', `${REFERENCE}/ch02.en.html`, 'Pin-Priority NotAutomatic', 'the default Pin-Priority value is 500'),
  q('keyword', `${REFERENCE}/ch09.en.html`, 'smartctl', 'SMART feature is actually enabled'),
  q('keyword', 'systemd/README.logs', 'journalctl syslog', 'traditional syslog has been replaced with the Journal'),
];
