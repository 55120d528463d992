/**
 * Common romanisations of the same given name, one group per name. Jaro-Winkler alone cannot
 * tell Mohammed/Muhammad (one name) from Mohammed/Mahmoud (two): both pairs differ by a few
 * letters. Knowing the spellings of the most frequent names settles both ways — same group is
 * a match, two different groups are two different names. Written from general knowledge of
 * Arabic, Persian, Russian and Indian naming, not from the labelled pairs; OpenSanctions'
 * matcher uses the same idea (name "symbols").
 */
const GROUPS: readonly (readonly string[])[] = [
  ['mohammed', 'muhammad', 'mohammad', 'mohamed', 'mohamad', 'muhammed', 'mohd', 'muhamad'],
  ['mahmoud', 'mahmud', 'mahmood', 'mehmood'],
  ['ahmed', 'ahmad', 'ahmet'],
  ['hamid', 'hameed', 'hamed'],
  ['majid', 'majeed', 'majed'],
  ['hassan', 'hasan', 'hassen'],
  ['hussein', 'husein', 'husain', 'hussain', 'hossein', 'husayn', 'houssein'],
  ['yusuf', 'youssef', 'yousef', 'yousuf', 'yusef'],
  ['yunus', 'younes', 'younis'],
  ['omar', 'umar', 'omer'],
  ['osama', 'usama', 'usamah'],
  ['othman', 'uthman', 'osman', 'usman'],
  ['abdullah', 'abdallah', 'abdulla'],
  ['abdulrahman', 'abdurrahman', 'abdelrahman', 'abderrahmane'],
  ['abdulaziz', 'abdelaziz'],
  ['khalid', 'khaled'],
  ['rashid', 'rasheed', 'rachid'],
  ['saeed', 'said', 'saeid', 'saied'],
  ['saad', 'sad'],
  ['faisal', 'faysal', 'feisal'],
  ['walid', 'waleed'],
  ['tariq', 'tarek', 'tareq', 'tarik'],
  ['jamal', 'gamal'],
  ['mustafa', 'moustafa', 'mostafa', 'mustapha'],
  ['ibrahim', 'ebrahim', 'ibraheem'],
  ['ismail', 'esmail', 'ismael'],
  ['rahman', 'rehman'],
  ['rahim', 'raheem'],
  ['karim', 'kareem'],
  ['nasser', 'nasir', 'naser'],
  ['jafar', 'jaafar'],
  ['qasim', 'kasim', 'qassem', 'kassem', 'qasem'],
  ['zaid', 'zayd', 'zeid'],
  ['iqbal', 'ikbal'],
  ['aleksandr', 'alexander', 'aleksander', 'oleksandr', 'olexandr', 'alexandr'],
  ['sergei', 'sergey', 'serguei', 'sergiy'],
  ['yevgeny', 'evgeniy', 'evgeny', 'yevgeniy'],
  ['dmitri', 'dmitry', 'dmitriy'],
  ['nikolai', 'nikolay'],
  ['mikhail', 'mihail', 'michail'],
  ['fyodor', 'fedor', 'feodor'],
  ['pyotr', 'petr'],
  ['yuri', 'yury', 'iouri', 'yuriy'],
  ['lakshmi', 'laxmi'],
];

const GROUP_OF = new Map<string, number>(
  GROUPS.flatMap((spellings, group) => spellings.map((s) => [s, group] as const)),
);

/** The group a spelling belongs to, or undefined for a name the table does not know. */
export function variantGroup(token: string): number | undefined {
  return GROUP_OF.get(token);
}
