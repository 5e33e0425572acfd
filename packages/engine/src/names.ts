// Random container names as dockerd makes them: "adjective_surname" from two
// word lists (scientists and hackers), never "boring_wozniak".

const left = [
  'admiring', 'adoring', 'affectionate', 'agitated', 'amazing', 'angry', 'awesome', 'beautiful',
  'blissful', 'bold', 'boring', 'brave', 'busy', 'charming', 'clever', 'compassionate', 'competent',
  'condescending', 'confident', 'cool', 'cranky', 'crazy', 'dazzling', 'determined', 'distracted',
  'dreamy', 'eager', 'ecstatic', 'elastic', 'elated', 'elegant', 'eloquent', 'epic', 'exciting',
  'fervent', 'festive', 'flamboyant', 'focused', 'friendly', 'frosty', 'funny', 'gallant', 'gifted',
  'goofy', 'gracious', 'great', 'happy', 'hardcore', 'heuristic', 'hopeful', 'hungry', 'infallible',
  'inspiring', 'intelligent', 'interesting', 'jolly', 'jovial', 'keen', 'kind', 'laughing', 'loving',
  'lucid', 'magical', 'modest', 'musing', 'mystifying', 'naughty', 'nervous', 'nice', 'nifty',
  'nostalgic', 'objective', 'optimistic', 'peaceful', 'pedantic', 'pensive', 'practical', 'priceless',
  'quirky', 'quizzical', 'recursing', 'relaxed', 'reverent', 'romantic', 'sad', 'serene', 'sharp',
  'silly', 'sleepy', 'stoic', 'strange', 'stupefied', 'suspicious', 'sweet', 'tender', 'thirsty',
  'trusting', 'unruffled', 'upbeat', 'vibrant', 'vigilant', 'vigorous', 'wizardly', 'wonderful',
  'xenodochial', 'youthful', 'zealous', 'zen',
];

const right = [
  'agnesi', 'albattani', 'allen', 'almeida', 'antonelli', 'archimedes', 'ardinghelli', 'aryabhata',
  'austin', 'babbage', 'banach', 'bardeen', 'bartik', 'bassi', 'bell', 'benz', 'bhabha', 'blackburn',
  'blackwell', 'bohr', 'booth', 'borg', 'bose', 'brahmagupta', 'brattain', 'brown', 'buck', 'burnell',
  'cannon', 'carson', 'cartwright', 'cerf', 'chandrasekhar', 'chaplygin', 'chatelet', 'chatterjee',
  'clarke', 'cohen', 'colden', 'cori', 'cray', 'curie', 'darwin', 'davinci', 'dewdney', 'dhawan',
  'diffie', 'dijkstra', 'dirac', 'driscoll', 'dubinsky', 'easley', 'edison', 'einstein', 'elion',
  'engelbart', 'euclid', 'euler', 'faraday', 'fermat', 'fermi', 'feynman', 'franklin', 'gagarin',
  'galileo', 'gates', 'gauss', 'germain', 'goldberg', 'goldstine', 'goldwasser', 'goodall', 'hamilton',
  'hawking', 'heisenberg', 'hermann', 'hertz', 'hodgkin', 'hofstadter', 'hopper', 'hugle', 'hypatia',
  'jackson', 'jang', 'jennings', 'jepsen', 'johnson', 'joliot', 'jones', 'kalam', 'kare', 'keller',
  'kepler', 'khayyam', 'khorana', 'kilby', 'kirch', 'knuth', 'kowalevski', 'lalande', 'lamarr',
  'lamport', 'leakey', 'leavitt', 'lederberg', 'lehmann', 'lewin', 'lichterman', 'liskov', 'lovelace',
  'lumiere', 'mahavira', 'margulis', 'matsumoto', 'maxwell', 'mayer', 'mccarthy', 'mcclintock',
  'mclean', 'mcnulty', 'meitner', 'mendel', 'mendeleev', 'merkle', 'mestorf', 'mirzakhani', 'moore',
  'morse', 'murdock', 'napier', 'nash', 'neumann', 'newton', 'nightingale', 'nobel', 'noether',
  'northcutt', 'noyce', 'panini', 'pare', 'pascal', 'pasteur', 'payne', 'perlman', 'pike', 'poincare',
  'poitras', 'proskuriakova', 'ptolemy', 'raman', 'ramanujan', 'ride', 'ritchie', 'robinson',
  'roentgen', 'rosalind', 'rubin', 'saha', 'sammet', 'sanderson', 'satoshi', 'shamir', 'shannon',
  'shaw', 'shirley', 'shockley', 'sinoussi', 'snyder', 'solomon', 'spence', 'stonebraker',
  'sutherland', 'swanson', 'swartz', 'swirles', 'taussig', 'tesla', 'tharp', 'thompson', 'torvalds',
  'tu', 'turing', 'varahamihira', 'vaughan', 'villani', 'visvesvaraya', 'volhard', 'wescoff',
  'wilbur', 'wiles', 'williams', 'williamson', 'wilson', 'wing', 'wozniak', 'wright', 'wu', 'yalow',
  'yonath', 'zhukovsky',
];

/** A name from two random draws; `retry` > 0 appends a digit as dockerd does after collisions. */
export function randomName(rand: (n: number) => number, retry = 0): string {
  for (;;) {
    const name = `${left[rand(left.length)]}_${right[rand(right.length)]}`;
    if (name === 'boring_wozniak') continue;
    return retry > 0 ? `${name}${rand(10)}` : name;
  }
}
