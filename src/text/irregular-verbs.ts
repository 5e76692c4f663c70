// Past forms of common irregular English verbs and their base form, so "rose" finds "rise" and
// "fell" finds "fall" (a Porter stemmer leaves irregular forms alone). A closed class: kept short.
const FORMS: Readonly<Record<string, string>> = Object.fromEntries(
  (
    'arose:arise arisen:arise began:begin begun:begin bought:buy brought:bring broke:break broken:break ' +
    'built:build came:come caught:catch chose:choose chosen:choose dealt:deal did:do done:do drew:draw ' +
    'drawn:draw drove:drive driven:drive fell:fall fallen:fall felt:feel fought:fight found:find ' +
    'flew:fly flown:fly forgot:forget forgotten:forget froze:freeze frozen:freeze gave:give given:give ' +
    'went:go gone:go grew:grow grown:grow held:hold hid:hide hidden:hide kept:keep knew:know known:know ' +
    'led:lead left:leave lent:lend lost:lose made:make meant:mean met:meet paid:pay ran:run rose:rise ' +
    'risen:rise said:say sold:sell sent:send saw:see seen:see sought:seek shook:shake shaken:shake ' +
    'shot:shoot shrank:shrink shrunk:shrink slid:slide sank:sink sunk:sink spoke:speak spoken:speak ' +
    'spent:spend stood:stand stole:steal stolen:steal struck:strike swore:swear sworn:swear took:take ' +
    'taken:take taught:teach told:tell thought:think threw:throw thrown:throw understood:understand ' +
    'won:win wrote:write written:write woke:wake withdrew:withdraw withdrawn:withdraw overtook:overtake ' +
    'undertook:undertake upheld:uphold forgave:forgive foresaw:foresee foreseen:foresee'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** The base form of an irregular past form ("rose" → "rise"), or the word itself. */
export function baseForm(word: string): string {
  return FORMS[word] ?? word;
}
