<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>AttentionController</name>
    <message>
        <source>Focusapp can&apos;t see which app is in front</source>
        <translation>Focusapp kan niet zien welke app vooraan staat</translation>
    </message>
    <message>
        <source>{error} Sessions and the command line still work; limits can&apos;t be counted.</source>
        <translation>{error} Sessies en de opdrachtregel werken nog; limieten kunnen niet worden bijgehouden.</translation>
    </message>
    <message numerus="yes">
        <source>%n minutes left for {name}</source>
        <translation>
            <numerusform>Nog %n minuut voor {name}</numerusform>
            <numerusform>Nog %n minuten voor {name}</numerusform>
        </translation>
    </message>
    <message>
        <source>Today&apos;s time for it is nearly used. Maybe finish what you came for.</source>
        <translation>De tijd voor vandaag is bijna op. Misschien rond je af waarvoor je kwam.</translation>
    </message>
    <message>
        <source>{app} will close</source>
        <translation>{app} wordt gesloten</translation>
    </message>
    <message numerus="yes">
        <source>Its rule closes it; it gets %n seconds to save its work.</source>
        <translation>
            <numerusform>Je regel sluit deze app; hij krijgt %n seconde om zijn werk te bewaren.</numerusform>
            <numerusform>Je regel sluit deze app; hij krijgt %n seconden om zijn werk te bewaren.</numerusform>
        </translation>
    </message>
    <message>
        <source>This is blocked during your focus session</source>
        <translation>Dit is geblokkeerd tijdens je focussessie</translation>
    </message>
    <message>
        <source>Today&apos;s time for {limit} is used up</source>
        <translation>De tijd voor {limit} is vandaag op</translation>
    </message>
    <message>
        <source>This is one of your limits</source>
        <translation>Dit valt onder een van je limieten</translation>
    </message>
</context>
<context>
    <name>BreathingCircle</name>
    <message>
        <source>Breathing pause</source>
        <translation>Ademmoment</translation>
    </message>
</context>
<context>
    <name>CheckinDialog</name>
    <message>
        <source>What pulled at you during this session?</source>
        <translation>Wat trok er aan je tijdens deze sessie?</translation>
    </message>
    <message>
        <source>Nothing much</source>
        <translation>Niet veel</translation>
    </message>
    <message>
        <source>My phone</source>
        <translation>Mijn telefoon</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Meldingen</translation>
    </message>
    <message>
        <source>Someone&apos;s post</source>
        <translation>Een bericht van iemand</translation>
    </message>
    <message>
        <source>Boredom</source>
        <translation>Verveling</translation>
    </message>
    <message>
        <source>Worry</source>
        <translation>Zorgen</translation>
    </message>
    <message>
        <source>A quick check-in</source>
        <translation>Even terugkijken</translation>
    </message>
    <message>
        <source>Check-in question</source>
        <translation>Vraag om terug te kijken</translation>
    </message>
    <message>
        <source>One tap is enough, or skip it. It&apos;s only for you.</source>
        <translation>Eén tik is genoeg, of sla het over. Het is alleen voor jou.</translation>
    </message>
    <message>
        <source>A quick answer; choose it again to clear it</source>
        <translation>Een snel antwoord; kies het nog eens om het te wissen</translation>
    </message>
    <message>
        <source>Anything else, in your words (optional)</source>
        <translation>Nog iets, in je eigen woorden (hoeft niet)</translation>
    </message>
    <message>
        <source>Your note</source>
        <translation>Je notitie</translation>
    </message>
    <message>
        <source>Notes are off or locked right now, so there&apos;s no space to type; a quick answer is still kept.</source>
        <translation>Notities staan nu uit of zijn vergrendeld, dus er is geen ruimte om te typen; een snel antwoord wordt wel bewaard.</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Overslaan</translation>
    </message>
    <message>
        <source>Skip the check-in</source>
        <translation>Terugkijken overslaan</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Bewaren</translation>
    </message>
    <message>
        <source>Save the check-in</source>
        <translation>Terugblik bewaren</translation>
    </message>
</context>
<context>
    <name>Config</name>
    <message>
        <source>{key} {problem}</source>
        <translation>{key} {problem}</translation>
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation>{file}: {problem}</translation>
    </message>
    <message>
        <source>{file}, line {line}: {problem}</source>
        <translation>{file}, regel {line}: {problem}</translation>
    </message>
    <message>
        <source>using your last good settings</source>
        <translation>je laatste goede instellingen worden gebruikt</translation>
    </message>
    <message>
        <source>using the defaults</source>
        <translation>de standaardinstellingen worden gebruikt</translation>
    </message>
    <message>
        <source>not valid TOML at column {column}: {error}</source>
        <translation>geen geldige TOML in kolom {column}: {error}</translation>
    </message>
    <message>
        <source>not valid TOML: {error}</source>
        <translation>geen geldige TOML: {error}</translation>
    </message>
    <message>
        <source>not UTF-8 text</source>
        <translation>geen UTF-8-tekst</translation>
    </message>
    <message>
        <source>cannot be read: {error}</source>
        <translation>kan niet worden gelezen: {error}</translation>
    </message>
    <message>
        <source>{problem} ({using})</source>
        <translation>{problem} ({using})</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>Focusapp could not read its database ({error}), so it started a new one. The old file was moved to {path}; nothing was deleted.</source>
        <translation>Focusapp kon zijn database niet lezen ({error}) en is met een nieuwe begonnen. Het oude bestand staat nu in {path}; er is niets gewist.</translation>
    </message>
    <message>
        <source>Focusapp could not create a new database at {path} ({error}).</source>
        <translation>Focusapp kon geen nieuwe database maken in {path} ({error}).</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file. Move it away so Focusapp can keep its data.</source>
        <translation>{path} is een map, geen databasebestand. Verplaats de map, dan kan Focusapp zijn gegevens bewaren.</translation>
    </message>
    <message>
        <source>{path} is not a regular file, so Focusapp cannot use it.</source>
        <translation>{path} is geen gewoon bestand, dus Focusapp kan het niet gebruiken.</translation>
    </message>
    <message>
        <source>Focusapp is not allowed to read and write {path}. Check the file&apos;s permissions.</source>
        <translation>Focusapp mag {path} niet lezen en schrijven. Kijk de rechten van het bestand na.</translation>
    </message>
    <message>
        <source>Focusapp could not create the folder {path} for its database ({error}).</source>
        <translation>Focusapp kon de map {path} voor zijn database niet maken ({error}).</translation>
    </message>
    <message>
        <source>Focusapp could not open its database at {path} ({error}).</source>
        <translation>Focusapp kon zijn database in {path} niet openen ({error}).</translation>
    </message>
    <message>
        <source>The database at {path} was written by a newer version of Focusapp (format {version}; this version knows up to {latest}). It was left untouched: please update Focusapp to keep using it.</source>
        <translation>De database in {path} is geschreven door een nieuwere versie van Focusapp (formaat {version}; deze versie kent tot en met {latest}). Hij is niet aangeraakt: werk Focusapp bij om hem te blijven gebruiken.</translation>
    </message>
    <message>
        <source>Before updating its database to a newer format, Focusapp saved a copy of it at {path}.</source>
        <translation>Voordat Focusapp zijn database naar een nieuwer formaat omzette, is er een kopie bewaard in {path}.</translation>
    </message>
    <message>
        <source>Focusapp could not use its database at {path} ({error}).</source>
        <translation>Focusapp kon zijn database in {path} niet gebruiken ({error}).</translation>
    </message>
    <message>
        <source>Focusapp could not read its database at {path} ({error}).</source>
        <translation>Focusapp kon zijn database in {path} niet lezen ({error}).</translation>
    </message>
    <message>
        <source>Focusapp could not save a backup of its database before updating it ({error}); nothing was changed.</source>
        <translation>Focusapp kon geen reservekopie van zijn database maken voor het bijwerken ({error}); er is niets veranderd.</translation>
    </message>
    <message>
        <source>Focusapp could not update its database at {path} to format {version} ({error}). The database was left as it was.</source>
        <translation>Focusapp kon zijn database in {path} niet bijwerken naar formaat {version} ({error}). De database is gebleven zoals hij was.</translation>
    </message>
    <message>
        <source>Focusapp&apos;s database at {path} is damaged and could not be moved aside ({error}). Nothing was deleted; move or rename the file to start afresh.</source>
        <translation>De database van Focusapp in {path} is beschadigd en kon niet opzij worden gezet ({error}). Er is niets gewist; verplaats het bestand of geef het een andere naam om opnieuw te beginnen.</translation>
    </message>
</context>
<context>
    <name>DeleteEverythingDialog</name>
    <message>
        <source>Delete your journal?</source>
        <translation>Je dagboek wissen?</translation>
    </message>
    <message>
        <source>Delete everything in your journal?</source>
        <translation>Alles in je dagboek wissen?</translation>
    </message>
    <message>
        <source>Every moment, note and answer, the honest log, your session history and the time counted in apps and sites will be removed from this computer. This can&apos;t be undone.

Emergency exits from the last two weeks stay, because strict sessions count them.</source>
        <translation>Elk moment, elke notitie en elk antwoord, het eerlijke logboek, je sessiegeschiedenis en de getelde tijd in apps en sites verdwijnen van deze computer. Dit kan niet ongedaan worden gemaakt.

Nooduitgangen van de afgelopen twee weken blijven, omdat strikte sessies ze meetellen.</translation>
    </message>
    <message>
        <source>Delete everything</source>
        <translation>Alles wissen</translation>
    </message>
    <message>
        <source>Keep my journal</source>
        <translation>Mijn dagboek houden</translation>
    </message>
</context>
<context>
    <name>Durations</name>
    <message>
        <source>1 day</source>
        <translation>1 dag</translation>
    </message>
    <message>
        <source>{count} days</source>
        <translation>{count} dagen</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 uur</translation>
    </message>
    <message>
        <source>{count} hours</source>
        <translation>{count} uur</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 minuut</translation>
    </message>
    <message>
        <source>{count} minutes</source>
        <translation>{count} minuten</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>minder dan een minuut</translation>
    </message>
    <message>
        <source>{larger} {smaller}</source>
        <translation>{larger} en {smaller}</translation>
    </message>
</context>
<context>
    <name>EmergencyDialog</name>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>Emergency exit</source>
        <translation>Nooduitgang</translation>
    </message>
    <message>
        <source>Need to leave this session?</source>
        <translation>Moet je deze sessie verlaten?</translation>
    </message>
    <message>
        <source>If something really needs you, you can end this strict session. Type the sentence below by hand first.</source>
        <translation>Als iets je echt nodig heeft, kun je deze strikte sessie beëindigen. Typ eerst de zin hieronder met de hand over.</translation>
    </message>
    <message>
        <source>No emergency exit right now</source>
        <translation>Nu geen nooduitgang</translation>
    </message>
    <message>
        <source>End the session</source>
        <translation>Sessie beëindigen</translation>
    </message>
    <message>
        <source>Keep focusing</source>
        <translation>Blijf gefocust</translation>
    </message>
    <message>
        <source>Use a raised limit today</source>
        <translation>Verhoogde limiet vandaag gebruiken</translation>
    </message>
    <message>
        <source>Use the raised limit today?</source>
        <translation>De verhoogde limiet vandaag al gebruiken?</translation>
    </message>
    <message>
        <source>A raised limit starts tomorrow. To have it today, type the sentence below by hand and take the short wait; it goes in your log.</source>
        <translation>Een verhoogde limiet gaat morgen in. Wil je hem vandaag al, typ dan de zin hieronder met de hand over en neem de korte wachttijd; het komt in je logboek.</translation>
    </message>
    <message>
        <source>Nothing to apply</source>
        <translation>Niets om toe te passen</translation>
    </message>
    <message>
        <source>Use it today</source>
        <translation>Vandaag gebruiken</translation>
    </message>
    <message>
        <source>Wait until tomorrow</source>
        <translation>Wachten tot morgen</translation>
    </message>
    <message>
        <source>Sentence to type</source>
        <translation>Zin om over te typen</translation>
    </message>
    <message>
        <source>Type the sentence here</source>
        <translation>Typ de zin hier</translation>
    </message>
    <message>
        <source>Your typing</source>
        <translation>Wat je typt</translation>
    </message>
    <message numerus="yes">
        <source>Emergency exits left this week: %n.</source>
        <translation>
            <numerusform>Nooduitgangen over deze week: %n.</numerusform>
            <numerusform>Nooduitgangen over deze week: %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>Take a slow breath. You can confirm in {wait}.</source>
        <translation>Adem rustig in. Over {wait} kun je bevestigen.</translation>
    </message>
    <message>
        <source>The wait is over. It&apos;s your call.</source>
        <translation>De wachttijd is voorbij. Jij beslist.</translation>
    </message>
    <message>
        <source>That&apos;s not quite the sentence yet; check the last few words.</source>
        <translation>Dat is nog niet helemaal de zin; kijk de laatste woorden even na.</translation>
    </message>
    <message>
        <source>Pasting doesn&apos;t count here. Type it out, one key at a time.</source>
        <translation>Plakken telt hier niet. Typ het uit, toets voor toets.</translation>
    </message>
</context>
<context>
    <name>EntriesModel</name>
    <message>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>The question</source>
        <translation>De vraag</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Je antwoord</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>Daarna</translation>
    </message>
    <message>
        <source>{column}: {value}</source>
        <translation>{column}: {value}</translation>
    </message>
</context>
<context>
    <name>FallbackWindow</name>
    <message>
        <source>No system tray was found on this desktop, so Focusapp shows this small window instead. Closing it keeps Focusapp running; start focusapp again to bring the window back, or use Quit to stop it.</source>
        <translation>Op dit bureaublad is geen systeemvak gevonden, daarom toont Focusapp dit kleine venster. Als je het sluit, blijft Focusapp draaien; start focusapp opnieuw om het venster terug te halen, of kies Afsluiten om te stoppen.</translation>
    </message>
    <message>
        <source>Start focus</source>
        <translation>Focus starten</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profiel</translation>
    </message>
</context>
<context>
    <name>FocusApp</name>
    <message>
        <source>I am raising my limit today on purpose, and I know why I set it.</source>
        <translation>Ik verhoog mijn limiet vandaag bewust, en ik weet waarom ik hem heb ingesteld.</translation>
    </message>
    <message>
        <source>I choose to have more time today, and that is my own decision.</source>
        <translation>Ik kies vandaag voor meer tijd, en dat is mijn eigen beslissing.</translation>
    </message>
    <message>
        <source>What you type is encrypted with a key kept in your system keyring.</source>
        <translation>Wat je typt wordt versleuteld met een sleutel uit de sleutelbos van je systeem.</translation>
    </message>
    <message>
        <source>No raised limit is waiting for tomorrow.</source>
        <translation>Er staat geen verhoogde limiet klaar voor morgen.</translation>
    </message>
    <message>
        <source>The command line can&apos;t reach this app: {error} Everything else works.</source>
        <translation>De opdrachtregel kan deze app niet bereiken: {error} Al het andere werkt.</translation>
    </message>
    <message>
        <source>Focusapp could not match the desktop&apos;s motion setting: {error}</source>
        <translation>Focusapp kon de bewegingsinstelling van het bureaublad niet overnemen: {error}</translation>
    </message>
    <message>
        <source>Focusapp could not keep its login entry up to date: {error}</source>
        <translation>Focusapp kon zijn startitem bij het inloggen niet bijwerken: {error}</translation>
    </message>
    <message>
        <source>Focusapp could not watch the apps in front: {error}</source>
        <translation>Focusapp kon niet volgen welke apps vooraan staan: {error}</translation>
    </message>
    <message>
        <source>Focusapp could not read what the browser kept: {error}</source>
        <translation>Focusapp kon niet lezen wat de browser had bewaard: {error}</translation>
    </message>
    <message>
        <source>Focusapp could not tidy the journal: {error}</source>
        <translation>Focusapp kon het dagboek niet opruimen: {error}</translation>
    </message>
    <message>
        <source>Focusapp could not show the welcome: {error}</source>
        <translation>Focusapp kon het welkomstvenster niet tonen: {error}</translation>
    </message>
    <message>
        <source>Focusapp could not finish part of its start ({step}): {error}</source>
        <translation>Focusapp kon een deel van het opstarten niet afronden ({step}): {error}</translation>
    </message>
    <message>
        <source>Focusapp is already running</source>
        <translation>Focusapp draait al</translation>
    </message>
    <message>
        <source>It lives here, in the tray.</source>
        <translation>Je vindt het hier, in het systeemvak.</translation>
    </message>
    <message>
        <source>Your choice holds until Focusapp quits</source>
        <translation>Je keuze geldt tot Focusapp stopt</translation>
    </message>
    <message>
        <source>Focusapp could not change how it starts when you log in</source>
        <translation>Focusapp kon niet aanpassen hoe het start als je inlogt</translation>
    </message>
    <message>
        <source>{place}: {problem}</source>
        <translation>{place}: {problem}</translation>
    </message>
    <message>
        <source>Journal unavailable</source>
        <translation>Dagboek niet beschikbaar</translation>
    </message>
    <message>
        <source>Focusapp&apos;s database could not be opened.</source>
        <translation>De database van Focusapp kon niet worden geopend.</translation>
    </message>
    <message>
        <source>Insights unavailable</source>
        <translation>Inzichten niet beschikbaar</translation>
    </message>
    <message>
        <source>{problem} Your file was left as it is.</source>
        <translation>{problem} Je bestand is gebleven zoals het was.</translation>
    </message>
    <message>
        <source>Focusapp settings</source>
        <translation>Instellingen van Focusapp</translation>
    </message>
    <message>
        <source>{problem} Focusapp runs without saving history until this is fixed.</source>
        <translation>{problem} Focusapp draait zonder geschiedenis te bewaren tot dit is opgelost.</translation>
    </message>
    <message>
        <source>Focusapp could not check where notes live: {error}</source>
        <translation>Focusapp kon niet nagaan waar je notities bewaard worden: {error}</translation>
    </message>
</context>
<context>
    <name>FocusBars</name>
    <message>
        <source>Focus time per day</source>
        <translation>Focustijd per dag</translation>
    </message>
</context>
<context>
    <name>Friction</name>
    <message>
        <source>The sentence you typed is not the one shown; type it exactly.</source>
        <translation>De zin die je typte is niet de zin die er staat; typ hem precies over.</translation>
    </message>
    <message>
        <source>Please wait one more second before confirming.</source>
        <translation>Wacht nog één seconde voordat je bevestigt.</translation>
    </message>
    <message>
        <source>Please wait {count} more seconds before confirming.</source>
        <translation>Wacht nog {count} seconden voordat je bevestigt.</translation>
    </message>
    <message>
        <source>That request has expired; start it again.</source>
        <translation>Dat verzoek is verlopen; begin opnieuw.</translation>
    </message>
</context>
<context>
    <name>Insights</name>
    <message>
        <source>Nothing to show yet. Patterns appear here after a few days.</source>
        <translation>Nog niets te zien. Na een paar dagen verschijnen hier patronen.</translation>
    </message>
    <message>
        <source>wanting to see how something you shared is doing</source>
        <translation>willen zien hoe iets wat je deelde het doet</translation>
    </message>
    <message>
        <source>measuring yourself against others</source>
        <translation>jezelf met anderen vergelijken</translation>
    </message>
    <message>
        <source>the feeling that something is happening without you</source>
        <translation>het gevoel dat er iets gebeurt zonder jou</translation>
    </message>
    <message>
        <source>reaching for it without quite deciding to</source>
        <translation>ernaar grijpen zonder er echt voor te kiezen</translation>
    </message>
    <message>
        <source>a task that had become hard or dull</source>
        <translation>een taak die moeilijk of saai was geworden</translation>
    </message>
    <message>
        <source>how you were feeling: tired, anxious or alone</source>
        <translation>hoe je je voelde: moe, onrustig of alleen</translation>
    </message>
    <message>
        <source>making things for the count</source>
        <translation>dingen maken voor de aantallen</translation>
    </message>
    <message>
        <source>checking back after posting</source>
        <translation>terugkijken na het plaatsen van iets</translation>
    </message>
    <message>
        <source>the week before</source>
        <translation>de week ervoor</translation>
    </message>
    <message>
        <source>the {days} days before</source>
        <translation>de {days} dagen ervoor</translation>
    </message>
    <message>
        <source>late at night</source>
        <translation>&apos;s nachts</translation>
    </message>
    <message>
        <source>in the morning</source>
        <translation>&apos;s ochtends</translation>
    </message>
    <message>
        <source>in the afternoon</source>
        <translation>&apos;s middags</translation>
    </message>
    <message>
        <source>in the evening</source>
        <translation>&apos;s avonds</translation>
    </message>
    <message>
        <source>Urges came mostly {part}.</source>
        <translation>De neiging kwam vooral {part}.</translation>
    </message>
    <message>
        <source>Urges came {part} and {other}, more than at other times.</source>
        <translation>De neiging kwam {part} en {other}, vaker dan op andere momenten.</translation>
    </message>
    <message>
        <source>Urges came {part}.</source>
        <translation>De neiging kwam {part}.</translation>
    </message>
    <message>
        <source>{weekdays} were busier than other days.</source>
        <translation>Op {weekdays} was het drukker dan op andere dagen.</translation>
    </message>
    <message>
        <source>Weekends were busier than weekdays.</source>
        <translation>In het weekend was het drukker dan door de week.</translation>
    </message>
    <message>
        <source>Weekends were quieter than weekdays.</source>
        <translation>In het weekend was het rustiger dan door de week.</translation>
    </message>
    <message>
        <source>Most often you answered: {answer}.</source>
        <translation>Het vaakst antwoordde je: {answer}.</translation>
    </message>
    <message>
        <source>Often, too: {answers}.</source>
        <translation>Ook vaak: {answers}.</translation>
    </message>
    <message>
        <source>Sometimes: {answers}.</source>
        <translation>Soms: {answers}.</translation>
    </message>
    <message>
        <source>Many of these moments were about {topic}.</source>
        <translation>Veel van deze momenten gingen over {topic}.</translation>
    </message>
    <message>
        <source>No focus sessions in these days.</source>
        <translation>Geen focussessies in deze dagen.</translation>
    </message>
    <message>
        <source>Focus time came on most days, most of it on {days}.</source>
        <translation>Er was focustijd op de meeste dagen, vooral op {days}.</translation>
    </message>
    <message>
        <source>Focus time came on some days, most of it on {days}.</source>
        <translation>Er was focustijd op sommige dagen, vooral op {days}.</translation>
    </message>
    <message>
        <source>Focus time came on most days.</source>
        <translation>Er was focustijd op de meeste dagen.</translation>
    </message>
    <message>
        <source>Focus time came on some days.</source>
        <translation>Er was focustijd op sommige dagen.</translation>
    </message>
    <message>
        <source>{name} stayed within its limit.</source>
        <translation>{name} bleef binnen de limiet.</translation>
    </message>
    <message>
        <source>{name} often reached its limit before the day was over.</source>
        <translation>{name} bereikte vaak de limiet voordat de dag voorbij was.</translation>
    </message>
    <message>
        <source>{name} mostly stayed within its limit; it ran out on {days}.</source>
        <translation>{name} bleef meestal binnen de limiet; op {days} was de tijd op.</translation>
    </message>
    <message>
        <source>{name} mostly stayed within its limit; it ran out now and then, mostly on {weekdays}.</source>
        <translation>{name} bleef meestal binnen de limiet; af en toe was de tijd op, vooral op {weekdays}.</translation>
    </message>
    <message>
        <source>{name} mostly stayed within its limit; it ran out now and then.</source>
        <translation>{name} bleef meestal binnen de limiet; af en toe was de tijd op.</translation>
    </message>
    <message>
        <source>Urges came more often than {before}.</source>
        <translation>De neiging kwam vaker dan {before}.</translation>
    </message>
    <message>
        <source>Urges came less often than {before}.</source>
        <translation>De neiging kwam minder vaak dan {before}.</translation>
    </message>
    <message>
        <source>Urges came later in the day than {before}.</source>
        <translation>De neiging kwam later op de dag dan {before}.</translation>
    </message>
    <message>
        <source>Urges came earlier in the day than {before}.</source>
        <translation>De neiging kwam eerder op de dag dan {before}.</translation>
    </message>
    <message>
        <source>More time on {name} than {before}.</source>
        <translation>Meer tijd op {name} dan {before}.</translation>
    </message>
    <message>
        <source>Less time on {name} than {before}.</source>
        <translation>Minder tijd op {name} dan {before}.</translation>
    </message>
    <message>
        <source>More focus time than {before}.</source>
        <translation>Meer focustijd dan {before}.</translation>
    </message>
    <message>
        <source>Less focus time than {before}.</source>
        <translation>Minder focustijd dan {before}.</translation>
    </message>
    <message>
        <source>Much the same as {before}.</source>
        <translation>Ongeveer hetzelfde als {before}.</translation>
    </message>
</context>
<context>
    <name>InsightsWindow</name>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} u {minutes} min</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} u</translation>
    </message>
    <message>
        <source>Focusapp — Patterns</source>
        <translation>Focusapp — Patronen</translation>
    </message>
    <message numerus="yes">
        <source>Last %n days</source>
        <translation>
            <numerusform>Afgelopen %n dag</numerusform>
            <numerusform>Afgelopen %n dagen</numerusform>
        </translation>
    </message>
    <message>
        <source>When urges came</source>
        <translation>Wanneer de neiging kwam</translation>
    </message>
    <message>
        <source>What came before</source>
        <translation>Wat eraan voorafging</translation>
    </message>
    <message>
        <source>Where they led</source>
        <translation>Waar het heen leidde</translation>
    </message>
    <message>
        <source>Focus time</source>
        <translation>Focustijd</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limieten</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Wat er veranderde</translation>
    </message>
    <message>
        <source>Patterns</source>
        <translation>Patronen</translation>
    </message>
    <message>
        <source>The arrow keys and Page Down scroll</source>
        <translation>Scrol met de pijltjestoetsen en Page Down</translation>
    </message>
    <message>
        <source>{first} – {last}</source>
        <translation>{first} – {last}</translation>
    </message>
    <message>
        <source>No urges in these days.</source>
        <translation>Geen neigingen in deze dagen.</translation>
    </message>
    <message>
        <source>The longer the bar, the more often an urge led there; beside it, the time you spent there.</source>
        <translation>Hoe langer de balk, hoe vaker een neiging daarheen leidde; ernaast de tijd die je er doorbracht.</translation>
    </message>
</context>
<context>
    <name>InterventionOverlay</name>
    <message>
        <source>Take a slow breath in.</source>
        <translation>Adem langzaam in.</translation>
    </message>
    <message>
        <source>And let it out, slowly.</source>
        <translation>En laat het rustig weer los.</translation>
    </message>
    <message>
        <source>The question comes in a moment.</source>
        <translation>Zo meteen komt de vraag.</translation>
    </message>
    <message>
        <source>Nothing to do for a moment. Just be here.</source>
        <translation>Even niets te doen. Wees gewoon hier.</translation>
    </message>
    <message>
        <source>Slow breath {breath} of {breaths}: in… and out.</source>
        <translation>Rustige ademhaling {breath} van {breaths}: in… en uit.</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 minuut</translation>
    </message>
    <message>
        <source>{count} minutes</source>
        <translation>{count} minuten</translation>
    </message>
    <message>
        <source>A moment before {target}</source>
        <translation>Even stilstaan voor {target}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Even stilstaan</translation>
    </message>
    <message>
        <source>Why this pause</source>
        <translation>Waarom dit moment</translation>
    </message>
    <message>
        <source>Breathing guide</source>
        <translation>Ademhalingsbegeleiding</translation>
    </message>
    <message>
        <source>Breathe in…</source>
        <translation>Adem in…</translation>
    </message>
    <message>
        <source>Esc takes you back to what you were doing.</source>
        <translation>Met Esc ga je terug naar waar je mee bezig was.</translation>
    </message>
    <message>
        <source>Escape hint</source>
        <translation>Uitleg over Esc</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Vraag</translation>
    </message>
    <message>
        <source>Does one of these fit? You can skip this.</source>
        <translation>Past een van deze? Je mag dit overslaan.</translation>
    </message>
    <message>
        <source>About the answers</source>
        <translation>Over de antwoorden</translation>
    </message>
    <message>
        <source>Answer {number}; press {number} to choose it</source>
        <translation>Antwoord {number}; druk op {number} om het te kiezen</translation>
    </message>
    <message>
        <source>Back to what I was doing</source>
        <translation>Terug naar waar ik mee bezig was</translation>
    </message>
    <message>
        <source>I need it for…</source>
        <translation>Ik heb het nodig voor…</translation>
    </message>
    <message>
        <source>I need {target} for a while</source>
        <translation>Ik heb {target} even nodig</translation>
    </message>
    <message>
        <source>What will you do there?</source>
        <translation>Wat ga je daar doen?</translation>
    </message>
    <message>
        <source>For example: reply to Sam&apos;s message</source>
        <translation>Bijvoorbeeld: Sam een berichtje terugsturen</translation>
    </message>
    <message numerus="yes">
        <source>Needed: at least %n characters</source>
        <translation>
            <numerusform>Nodig: minstens %n teken</numerusform>
            <numerusform>Nodig: minstens %n tekens</numerusform>
        </translation>
    </message>
    <message>
        <source>For how long?</source>
        <translation>Hoelang?</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>The arrow keys move between the choices</source>
        <translation>Met de pijltjestoetsen ga je van keuze naar keuze</translation>
    </message>
    <message>
        <source>Breathe out…</source>
        <translation>Adem uit…</translation>
    </message>
    <message numerus="yes">
        <source>Open it for %n minutes</source>
        <translation>
            <numerusform>Openen voor %n minuut</numerusform>
            <numerusform>Openen voor %n minuten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <source>Your notes can&apos;t be read right now: the key that protects them is not at hand. The rest of your journal is fine.</source>
        <translation>Je notities kunnen nu niet worden gelezen: de sleutel die ze beschermt is niet bij de hand. De rest van je dagboek is in orde.</translation>
    </message>
    <message>
        <source>This note can&apos;t be saved: notes need a key to protect them, and none is at hand right now. Nothing was written.</source>
        <translation>Deze notitie kan niet worden bewaard: notities hebben een sleutel nodig om ze te beschermen, en die is er nu niet. Er is niets geschreven.</translation>
    </message>
    <message>
        <source>The computer was asleep for a while.</source>
        <translation>De computer heeft een tijdje geslapen.</translation>
    </message>
    <message>
        <source>The computer was asleep for {duration}.</source>
        <translation>De computer heeft {duration} geslapen.</translation>
    </message>
    <message>
        <source>Focusapp was quit during a strict session.</source>
        <translation>Focusapp werd afgesloten tijdens een strikte sessie.</translation>
    </message>
    <message>
        <source>Focusapp found a problem in its settings: {problem}</source>
        <translation>Focusapp vond een probleem in zijn instellingen: {problem}</translation>
    </message>
    <message>
        <source>Focusapp found a problem in its settings.</source>
        <translation>Focusapp vond een probleem in zijn instellingen.</translation>
    </message>
    <message>
        <source>Focusapp could not read its journal file and started a new one. The old file was kept at {path}.</source>
        <translation>Focusapp kon zijn dagboekbestand niet lezen en is met een nieuw begonnen. Het oude bestand is bewaard in {path}.</translation>
    </message>
    <message>
        <source>Focusapp could not read its journal file and started a new one.</source>
        <translation>Focusapp kon zijn dagboekbestand niet lezen en is met een nieuw begonnen.</translation>
    </message>
    <message>
        <source>Focusapp noted something this version does not know how to describe ({kind}).</source>
        <translation>Focusapp heeft iets genoteerd dat deze versie niet kan beschrijven ({kind}).</translation>
    </message>
    <message>
        <source>You used an emergency exit from your “{profile}” session.</source>
        <translation>Je nam een nooduitgang uit je sessie “{profile}”.</translation>
    </message>
    <message>
        <source>You used an emergency exit from your “{profile}” session ({duration} left).</source>
        <translation>Je nam een nooduitgang uit je sessie “{profile}” (nog {duration} te gaan).</translation>
    </message>
    <message>
        <source>You used an emergency exit.</source>
        <translation>Je nam een nooduitgang.</translation>
    </message>
    <message>
        <source>You used an emergency exit ({duration} left).</source>
        <translation>Je nam een nooduitgang (nog {duration} te gaan).</translation>
    </message>
    <message>
        <source>The system clock was changed; timers kept their real length.</source>
        <translation>De systeemklok is verzet; timers hielden hun echte lengte.</translation>
    </message>
    <message>
        <source>While Focusapp was closed, the system clock was set {duration} forward; timers kept their real length.</source>
        <translation>Terwijl Focusapp dicht was, is de systeemklok {duration} vooruitgezet; timers hielden hun echte lengte.</translation>
    </message>
    <message>
        <source>While Focusapp was closed, the system clock was set {duration} back; timers kept their real length.</source>
        <translation>Terwijl Focusapp dicht was, is de systeemklok {duration} teruggezet; timers hielden hun echte lengte.</translation>
    </message>
    <message>
        <source>The system clock was set {duration} forward; timers kept their real length.</source>
        <translation>De systeemklok is {duration} vooruitgezet; timers hielden hun echte lengte.</translation>
    </message>
    <message>
        <source>The system clock was set {duration} back; timers kept their real length.</source>
        <translation>De systeemklok is {duration} teruggezet; timers hielden hun echte lengte.</translation>
    </message>
    <message>
        <source>Focusapp could not pick up the session it had saved, so it started afresh.</source>
        <translation>Focusapp kon de bewaarde sessie niet hervatten en is opnieuw begonnen.</translation>
    </message>
    <message>
        <source>Focusapp was not running for a while during a strict session.</source>
        <translation>Focusapp draaide een tijdje niet tijdens een strikte sessie.</translation>
    </message>
    <message>
        <source>Focusapp was not running for a while during a session.</source>
        <translation>Focusapp draaide een tijdje niet tijdens een sessie.</translation>
    </message>
    <message>
        <source>Focusapp was not running for {duration} during a strict session.</source>
        <translation>Focusapp draaide {duration} niet tijdens een strikte sessie.</translation>
    </message>
    <message>
        <source>Focusapp was not running for {duration} during a session.</source>
        <translation>Focusapp draaide {duration} niet tijdens een sessie.</translation>
    </message>
    <message>
        <source>You changed the limit “{name}”.</source>
        <translation>Je hebt de limiet “{name}” aangepast.</translation>
    </message>
    <message>
        <source>You added the limit “{name}”: {minutes} a day, from now on.</source>
        <translation>Je hebt de limiet “{name}” toegevoegd: {minutes} per dag, vanaf nu.</translation>
    </message>
    <message>
        <source>You added the limit “{name}”: {minutes} a day, starting tomorrow.</source>
        <translation>Je hebt de limiet “{name}” toegevoegd: {minutes} per dag, vanaf morgen.</translation>
    </message>
    <message>
        <source>You added the limit “{name}”: {minutes} a day.</source>
        <translation>Je hebt de limiet “{name}” toegevoegd: {minutes} per dag.</translation>
    </message>
    <message>
        <source>You removed the limit “{name}” (it was {minutes} a day), from now on.</source>
        <translation>Je hebt de limiet “{name}” verwijderd (het was {minutes} per dag), vanaf nu.</translation>
    </message>
    <message>
        <source>You removed the limit “{name}” (it was {minutes} a day), starting tomorrow.</source>
        <translation>Je hebt de limiet “{name}” verwijderd (het was {minutes} per dag), vanaf morgen.</translation>
    </message>
    <message>
        <source>You removed the limit “{name}” (it was {minutes} a day).</source>
        <translation>Je hebt de limiet “{name}” verwijderd (het was {minutes} per dag).</translation>
    </message>
    <message>
        <source>You changed the limit “{name}” from {old} to {minutes} a day, from now on.</source>
        <translation>Je hebt de limiet “{name}” van {old} naar {minutes} per dag gezet, vanaf nu.</translation>
    </message>
    <message>
        <source>You changed the limit “{name}” from {old} to {minutes} a day, starting tomorrow.</source>
        <translation>Je hebt de limiet “{name}” van {old} naar {minutes} per dag gezet, vanaf morgen.</translation>
    </message>
    <message>
        <source>You changed the limit “{name}” from {old} to {minutes} a day.</source>
        <translation>Je hebt de limiet “{name}” van {old} naar {minutes} per dag gezet.</translation>
    </message>
</context>
<context>
    <name>JournalWindow</name>
    <message>
        <source>it is blocked during your focus session</source>
        <translation>het tijdens je focussessie geblokkeerd is</translation>
    </message>
    <message>
        <source>today&apos;s time for it was used up</source>
        <translation>de tijd ervoor vandaag op was</translation>
    </message>
    <message>
        <source>you were about to open the feed</source>
        <translation>je op het punt stond de feed te openen</translation>
    </message>
    <message>
        <source>you were about to open your own profile</source>
        <translation>je op het punt stond je eigen profiel te openen</translation>
    </message>
    <message>
        <source>you were about to open notifications</source>
        <translation>je op het punt stond je meldingen te openen</translation>
    </message>
    <message>
        <source>you were about to open someone else&apos;s profile</source>
        <translation>je op het punt stond het profiel van iemand anders te openen</translation>
    </message>
    <message>
        <source>you had just posted something</source>
        <translation>je net iets had geplaatst</translation>
    </message>
    <message>
        <source>the feed</source>
        <translation>de feed</translation>
    </message>
    <message>
        <source>your profile</source>
        <translation>je profiel</translation>
    </message>
    <message>
        <source>notifications</source>
        <translation>meldingen</translation>
    </message>
    <message>
        <source>someone&apos;s profile</source>
        <translation>het profiel van iemand</translation>
    </message>
    <message>
        <source>a post</source>
        <translation>een bericht</translation>
    </message>
    <message>
        <source>went back</source>
        <translation>ging terug</translation>
    </message>
    <message>
        <source>took {duration}</source>
        <translation>nam {duration}</translation>
    </message>
    <message>
        <source>took a while</source>
        <translation>nam even de tijd</translation>
    </message>
    <message>
        <source>{took}: “{intention}”</source>
        <translation>{took}: “{intention}”</translation>
    </message>
    <message>
        <source>your rule set it aside</source>
        <translation>je regel zette het opzij</translation>
    </message>
    <message>
        <source>used an emergency exit</source>
        <translation>nam een nooduitgang</translation>
    </message>
    <message>
        <source>looked back on a session</source>
        <translation>keek terug op een sessie</translation>
    </message>
    <message>
        <source>paused, then went on</source>
        <translation>stond even stil en ging toen verder</translation>
    </message>
    <message>
        <source>something</source>
        <translation>iets</translation>
    </message>
    <message>
        <source>a focus session</source>
        <translation>een focussessie</translation>
    </message>
    <message>
        <source>{name}, {page}</source>
        <translation>{name}, {page}</translation>
    </message>
    <message>
        <source>Today {time}</source>
        <translation>Vandaag {time}</translation>
    </message>
    <message>
        <source>Yesterday {time}</source>
        <translation>Gisteren {time}</translation>
    </message>
    <message>
        <source>{day}, {time}</source>
        <translation>{day}, {time}</translation>
    </message>
    <message>
        <source>Entries older than a year are removed on their own.</source>
        <translation>Wat ouder is dan een jaar, verdwijnt vanzelf.</translation>
    </message>
    <message>
        <source>Entries older than {count} years are removed on their own.</source>
        <translation>Wat ouder is dan {count} jaar, verdwijnt vanzelf.</translation>
    </message>
    <message>
        <source>Entries older than a month are removed on their own.</source>
        <translation>Wat ouder is dan een maand, verdwijnt vanzelf.</translation>
    </message>
    <message>
        <source>Entries older than {count} months are removed on their own.</source>
        <translation>Wat ouder is dan {count} maanden, verdwijnt vanzelf.</translation>
    </message>
    <message>
        <source>Entries older than a day are removed on their own.</source>
        <translation>Wat ouder is dan een dag, verdwijnt vanzelf.</translation>
    </message>
    <message>
        <source>Entries older than {count} days are removed on their own.</source>
        <translation>Wat ouder is dan {count} dagen, verdwijnt vanzelf.</translation>
    </message>
    <message>
        <source>Your journal — Focusapp</source>
        <translation>Je dagboek — Focusapp</translation>
    </message>
    <message>
        <source>Your journal</source>
        <translation>Je dagboek</translation>
    </message>
    <message>
        <source>Each time Focusapp paused you: what it was, the question, your answer and what you chose next. It stays on this computer; only you see it.</source>
        <translation>Elke keer dat Focusapp je liet stilstaan: waar het om ging, de vraag, je antwoord en wat je daarna koos. Het blijft op deze computer; alleen jij ziet het.</translation>
    </message>
    <message>
        <source>Moments Focusapp paused you</source>
        <translation>Momenten waarop Focusapp je liet stilstaan</translation>
    </message>
    <message>
        <source>The selected moment</source>
        <translation>Het gekozen moment</translation>
    </message>
    <message>
        <source>Nothing here yet. When Focusapp pauses you, the moment shows here.</source>
        <translation>Hier staat nog niets. Als Focusapp je laat stilstaan, verschijnt dat moment hier.</translation>
    </message>
    <message>
        <source>The honest log</source>
        <translation>Het eerlijke logboek</translation>
    </message>
    <message>
        <source>Nothing here yet. Emergency exits, changed limits, clock changes and times Focusapp was not running will show here.</source>
        <translation>Hier staat nog niets. Nooduitgangen, aangepaste limieten, verzette klokken en momenten waarop Focusapp niet draaide, verschijnen hier.</translation>
    </message>
    <message>
        <source>Things you may want to know later, written down as they happened.</source>
        <translation>Dingen die je later misschien wilt weten, opgeschreven zoals ze gebeurden.</translation>
    </message>
    <message>
        <source>Journal sections</source>
        <translation>Onderdelen van het dagboek</translation>
    </message>
    <message>
        <source>&amp;Moments</source>
        <translation>&amp;Momenten</translation>
    </message>
    <message>
        <source>Honest &amp;log</source>
        <translation>Eerlijk &amp;logboek</translation>
    </message>
    <message>
        <source>Where your notes stand</source>
        <translation>Hoe het met je notities zit</translation>
    </message>
    <message>
        <source>How long the journal keeps entries</source>
        <translation>Hoelang het dagboek dingen bewaart</translation>
    </message>
    <message>
        <source>Last action</source>
        <translation>Laatste actie</translation>
    </message>
    <message>
        <source>Write a &amp;note…</source>
        <translation>Een &amp;notitie schrijven…</translation>
    </message>
    <message>
        <source>Write a note to the selected moment</source>
        <translation>Een notitie bij het gekozen moment schrijven</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporteren…</translation>
    </message>
    <message>
        <source>Export the journal to a file</source>
        <translation>Het dagboek naar een bestand exporteren</translation>
    </message>
    <message>
        <source>&amp;Delete everything…</source>
        <translation>&amp;Alles wissen…</translation>
    </message>
    <message>
        <source>Delete everything in the journal</source>
        <translation>Alles in het dagboek wissen</translation>
    </message>
    <message>
        <source>Choose a moment to read it in full.</source>
        <translation>Kies een moment om het helemaal te lezen.</translation>
    </message>
    <message>
        <source>JSON, with the honest log (*.json)</source>
        <translation>JSON, met het eerlijke logboek (*.json)</translation>
    </message>
    <message>
        <source>CSV, moments only (*.csv)</source>
        <translation>CSV, alleen de momenten (*.csv)</translation>
    </message>
    <message>
        <source>Export your journal</source>
        <translation>Je dagboek exporteren</translation>
    </message>
    <message>
        <source>The journal could not be saved to {path} ({error}).</source>
        <translation>Het dagboek kon niet worden bewaard in {path} ({error}).</translation>
    </message>
    <message>
        <source>Saved your journal to {path}.</source>
        <translation>Je dagboek is bewaard in {path}.</translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation>Er is niets gewist.</translation>
    </message>
    <message>
        <source>Your journal was deleted. Older copies of the database are still kept in {folder}; delete them yourself if you want them gone too.</source>
        <translation>Je dagboek is gewist. Oudere kopieën van de database staan nog in {folder}; wis die zelf als je ze ook kwijt wilt.</translation>
    </message>
    <message>
        <source>Your journal was deleted.</source>
        <translation>Je dagboek is gewist.</translation>
    </message>
    <message>
        <source>A note to yourself</source>
        <translation>Een notitie voor jezelf</translation>
    </message>
    <message>
        <source>What was going on? Only you can read this.</source>
        <translation>Wat speelde er? Alleen jij kunt dit lezen.</translation>
    </message>
    <message>
        <source>Your note is kept, encrypted.</source>
        <translation>Je notitie is versleuteld bewaard.</translation>
    </message>
    <message>
        <source>Note removed.</source>
        <translation>Notitie verwijderd.</translation>
    </message>
    <message>
        <source>Paused before {what}, because {why}.</source>
        <translation>Even stilgestaan voor {what}, omdat {why}.</translation>
    </message>
    <message>
        <source>Paused before {what}.</source>
        <translation>Even stilgestaan voor {what}.</translation>
    </message>
    <message>
        <source>Asked: {question}</source>
        <translation>Gevraagd: {question}</translation>
    </message>
    <message>
        <source>You answered: {answer}</source>
        <translation>Je antwoordde: {answer}</translation>
    </message>
    <message>
        <source>Then: {outcome}.</source>
        <translation>Daarna: {outcome}.</translation>
    </message>
    <message>
        <source>Your note: {note}</source>
        <translation>Je notitie: {note}</translation>
    </message>
</context>
<context>
    <name>Lists</name>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} en {last}</translation>
    </message>
    <message>
        <source>{first} or {last}</source>
        <translation>{first} of {last}</translation>
    </message>
    <message>
        <source>{first}, {rest}</source>
        <translation>{first}, {rest}</translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Wat er gebeurde</translation>
    </message>
</context>
<context>
    <name>Notes</name>
    <message>
        <source>{problem} You can keep notes off, or protect them with a passphrase instead.</source>
        <translation>{problem} Je kunt notities uit laten, of ze in plaats daarvan met een wachtzin beschermen.</translation>
    </message>
    <message>
        <source>No system keyring was found (no Secret Service on the session bus), so your notes&apos; key can&apos;t be kept there.</source>
        <translation>Er is geen sleutelbos van het systeem gevonden (geen Secret Service op de sessiebus), dus de sleutel van je notities kan daar niet worden bewaard.</translation>
    </message>
    <message>
        <source>No system keyring was found, so your notes&apos; key can&apos;t be kept there.</source>
        <translation>Er is geen sleutelbos van het systeem gevonden, dus de sleutel van je notities kan daar niet worden bewaard.</translation>
    </message>
    <message>
        <source>Your keyring ({keyring}) is locked, so your notes can&apos;t be read or written. Unlock it and try again.</source>
        <translation>Je sleutelbos ({keyring}) is vergrendeld, dus je notities kunnen niet worden gelezen of geschreven. Ontgrendel hem en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>Your keyring ({keyring}) accepted the notes&apos; key but did not keep it.</source>
        <translation>Je sleutelbos ({keyring}) nam de sleutel van je notities aan, maar bewaarde hem niet.</translation>
    </message>
    <message>
        <source>The notes&apos; key in your keyring ({keyring}) is damaged, so notes can&apos;t be read. It was left as it is.</source>
        <translation>De sleutel van je notities in je sleutelbos ({keyring}) is beschadigd, dus notities kunnen niet worden gelezen. Hij is gelaten zoals hij was.</translation>
    </message>
    <message>
        <source>Your notes&apos; key is kept in {keyring}.</source>
        <translation>De sleutel van je notities wordt bewaard in {keyring}.</translation>
    </message>
    <message>
        <source>Your keyring settings could not be loaded: {error}.</source>
        <translation>De instellingen van je sleutelbos konden niet worden geladen: {error}.</translation>
    </message>
    <message>
        <source>The only keyring found ({keyring}) keeps secrets unencrypted, so your notes&apos; key is not kept there.</source>
        <translation>De enige gevonden sleutelbos ({keyring}) bewaart geheimen onversleuteld, dus de sleutel van je notities wordt daar niet bewaard.</translation>
    </message>
    <message>
        <source>The only keyring found ({keyring}) is not a safe place for secrets (keyring itself does not recommend it), so your notes&apos; key is not kept there.</source>
        <translation>De enige gevonden sleutelbos ({keyring}) is geen veilige plek voor geheimen (keyring zelf raadt hem af), dus de sleutel van je notities wordt daar niet bewaard.</translation>
    </message>
    <message>
        <source>Your keyring ({keyring}) could not be opened: {error}.</source>
        <translation>Je sleutelbos ({keyring}) kon niet worden geopend: {error}.</translation>
    </message>
    <message>
        <source>Focusapp could not use your keyring ({keyring}): {error}.</source>
        <translation>Focusapp kon je sleutelbos ({keyring}) niet gebruiken: {error}.</translation>
    </message>
    <message>
        <source>Notes are off: nothing you type is saved. The rest of your journal is kept.</source>
        <translation>Notities staan uit: niets wat je typt wordt bewaard. De rest van je dagboek blijft bewaard.</translation>
    </message>
    <message>
        <source>This note is damaged and can&apos;t be read. The rest of your journal is fine.</source>
        <translation>Deze notitie is beschadigd en kan niet worden gelezen. De rest van je dagboek is in orde.</translation>
    </message>
    <message>
        <source>This note was protected with your passphrase. Switch notes to it to read it.</source>
        <translation>Deze notitie is beschermd met je wachtzin. Zet notities op je wachtzin om haar te lezen.</translation>
    </message>
    <message>
        <source>This note was written with another key (your keyring, or an earlier passphrase), so it can&apos;t be read. The rest of your journal is fine.</source>
        <translation>Deze notitie is geschreven met een andere sleutel (je sleutelbos, of een eerdere wachtzin), dus ze kan niet worden gelezen. De rest van je dagboek is in orde.</translation>
    </message>
    <message>
        <source>This note was written with a key that is no longer in your keyring, so it can&apos;t be read. The rest of your journal is fine.</source>
        <translation>Deze notitie is geschreven met een sleutel die niet meer in je sleutelbos zit, dus ze kan niet worden gelezen. De rest van je dagboek is in orde.</translation>
    </message>
    <message>
        <source>Your notes are protected by your passphrase.</source>
        <translation>Je notities zijn beschermd met je wachtzin.</translation>
    </message>
    <message>
        <source>Choose a passphrase to protect your notes. You&apos;ll type it once each time Focusapp starts.</source>
        <translation>Kies een wachtzin om je notities te beschermen. Je typt hem één keer, elke keer dat Focusapp start.</translation>
    </message>
    <message>
        <source>The passphrase file {path} is damaged, so notes can&apos;t be unlocked. It was left as it is.</source>
        <translation>Het wachtzinbestand {path} is beschadigd, dus notities kunnen niet worden ontgrendeld. Het is gelaten zoals het was.</translation>
    </message>
    <message>
        <source>Type your passphrase to read and write notes.</source>
        <translation>Typ je wachtzin om notities te lezen en te schrijven.</translation>
    </message>
</context>
<context>
    <name>NotesChoiceDialog</name>
    <message>
        <source>Keep notes off: your pauses and answers are still kept; only words you type are not saved.</source>
        <translation>Notities uit laten: je momenten en antwoorden worden nog steeds bewaard; alleen wat je zelf typt niet.</translation>
    </message>
    <message>
        <source>Use a passphrase: notes are locked with it, and you type it once each time Focusapp starts. If you forget it, those notes can&apos;t be read.</source>
        <translation>Een wachtzin gebruiken: notities worden ermee vergrendeld, en je typt hem één keer, elke keer dat Focusapp start. Als je hem vergeet, zijn die notities niet meer te lezen.</translation>
    </message>
    <message>
        <source>Your notes</source>
        <translation>Je notities</translation>
    </message>
    <message>
        <source>Where should your notes&apos; key live?</source>
        <translation>Waar moet de sleutel van je notities bewaard worden?</translation>
    </message>
    <message>
        <source>Where your notes stand</source>
        <translation>Hoe het met je notities zit</translation>
    </message>
    <message>
        <source>Keep notes off</source>
        <translation>Notities uit laten</translation>
    </message>
    <message>
        <source>Use a passphrase…</source>
        <translation>Een wachtzin gebruiken…</translation>
    </message>
    <message>
        <source>Use a passphrase</source>
        <translation>Een wachtzin gebruiken</translation>
    </message>
    <message>
        <source>Try the keyring again</source>
        <translation>De sleutelbos opnieuw proberen</translation>
    </message>
    <message>
        <source>Use your passphrase</source>
        <translation>Je wachtzin gebruiken</translation>
    </message>
    <message>
        <source>You chose a passphrase for your notes before. Type it to unlock them; you&apos;ll be asked for it once each time Focusapp starts.</source>
        <translation>Je hebt eerder een wachtzin voor je notities gekozen. Typ hem om ze te ontgrendelen; Focusapp vraagt er één keer om, elke keer dat het start.</translation>
    </message>
    <message>
        <source>Choose a passphrase</source>
        <translation>Kies een wachtzin</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters; a few unrelated words work well. You&apos;ll type it once each time Focusapp starts. It can&apos;t be recovered, so keep it somewhere safe.</source>
        <translation>
            <numerusform>Minstens %n teken; een paar woorden die niets met elkaar te maken hebben werken goed. Je typt hem één keer, elke keer dat Focusapp start. Hij kan niet worden teruggehaald, dus bewaar hem op een veilige plek.</numerusform>
            <numerusform>Minstens %n tekens; een paar woorden die niets met elkaar te maken hebben werken goed. Je typt hem één keer, elke keer dat Focusapp start. Hij kan niet worden teruggehaald, dus bewaar hem op een veilige plek.</numerusform>
        </translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtzin</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Wachtzin nog eens</translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation>Dezelfde wachtzin nog eens</translation>
    </message>
    <message>
        <source>Passphrase hint</source>
        <translation>Hint bij de wachtzin</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Terug</translation>
    </message>
    <message>
        <source>Back to the choices</source>
        <translation>Terug naar de keuzes</translation>
    </message>
    <message>
        <source>Protect my notes</source>
        <translation>Mijn notities beschermen</translation>
    </message>
    <message>
        <source>Still not reachable. You can try again once it&apos;s unlocked.</source>
        <translation>Nog steeds niet bereikbaar. Je kunt het opnieuw proberen zodra hij ontgrendeld is.</translation>
    </message>
    <message>
        <source>Type your passphrase first.</source>
        <translation>Typ eerst je wachtzin.</translation>
    </message>
    <message>
        <source>That&apos;s not the passphrase. Take your time.</source>
        <translation>Dat is niet de wachtzin. Neem gerust de tijd.</translation>
    </message>
    <message numerus="yes">
        <source>A passphrase needs at least %n characters.</source>
        <translation>
            <numerusform>Een wachtzin heeft minstens %n teken nodig.</numerusform>
            <numerusform>Een wachtzin heeft minstens %n tekens nodig.</numerusform>
        </translation>
    </message>
    <message>
        <source>Type it once more below, to be sure.</source>
        <translation>Typ hem hieronder nog een keer, voor de zekerheid.</translation>
    </message>
    <message>
        <source>The two passphrases don&apos;t match yet.</source>
        <translation>De twee wachtzinnen zijn nog niet hetzelfde.</translation>
    </message>
    <message>
        <source>Focusapp could not save your passphrase ({error}).</source>
        <translation>Focusapp kon je wachtzin niet bewaren ({error}).</translation>
    </message>
</context>
<context>
    <name>PassphrasePrompt</name>
    <message>
        <source>Unlock your notes</source>
        <translation>Je notities ontgrendelen</translation>
    </message>
    <message>
        <source>Type your passphrase to read and write notes this time.</source>
        <translation>Typ je wachtzin om deze keer notities te lezen en te schrijven.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtzin</translation>
    </message>
    <message>
        <source>Passphrase hint</source>
        <translation>Hint bij de wachtzin</translation>
    </message>
    <message>
        <source>Not now: notes stay locked until Focusapp starts again, and notes you type meanwhile are not kept. Everything else still works.</source>
        <translation>Niet nu: notities blijven vergrendeld tot Focusapp opnieuw start, en notities die je intussen typt worden niet bewaard. Al het andere werkt gewoon.</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Niet nu</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Ontgrendelen</translation>
    </message>
    <message>
        <source>Unlock notes</source>
        <translation>Notities ontgrendelen</translation>
    </message>
    <message>
        <source>Type your passphrase first.</source>
        <translation>Typ eerst je wachtzin.</translation>
    </message>
    <message>
        <source>That&apos;s not the passphrase. Take your time and try again.</source>
        <translation>Dat is niet de wachtzin. Neem gerust de tijd en probeer het opnieuw.</translation>
    </message>
</context>
<context>
    <name>Platform</name>
    <message>
        <source>Focusapp cannot see which app you are using on this system ({reason}). Focus sessions work; app limits cannot.</source>
        <translation>Focusapp kan op dit systeem niet zien welke app je gebruikt ({reason}). Focussessies werken; limieten voor apps niet.</translation>
    </message>
    <message>
        <source>{note} (XWayland at {display} failed: {error})</source>
        <translation>{note} (XWayland op {display} werkte niet: {error})</translation>
    </message>
    <message>
        <source>Wayland session: which window has focus is not visible to any app here. Focusapp sees which of your limited or blocked apps are running and counts their running time, not the time you spend looking at them. Idle time is not available either.</source>
        <translation>Wayland-sessie: welk venster de focus heeft, kan hier geen enkele app zien. Focusapp ziet welke van je beperkte of geblokkeerde apps draaien en telt hoelang ze draaien, niet hoelang je ernaar kijkt. Hoelang je niets doet, is ook niet te zien.</translation>
    </message>
    <message>
        <source>Wayland session: sees only apps that run through XWayland. Native Wayland windows are invisible to it; those apps are counted by running time instead of focused time.</source>
        <translation>Wayland-sessie: ziet alleen apps die via XWayland draaien. Echte Wayland-vensters blijven onzichtbaar; voor die apps telt hoelang ze draaien in plaats van hoelang ze de focus hebben.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>I am choosing to end this focus session early, and that is my own decision.</source>
        <translation>Ik kies ervoor deze focussessie eerder te beëindigen, en dat is mijn eigen beslissing.</translation>
    </message>
    <message>
        <source>I know why I started this session, and I am still choosing to stop it now.</source>
        <translation>Ik weet waarom ik aan deze sessie begon, en toch kies ik ervoor nu te stoppen.</translation>
    </message>
    <message>
        <source>This is an emergency exit, and I will come back to my work when I can.</source>
        <translation>Dit is een nooduitgang, en ik kom terug naar mijn werk zodra ik kan.</translation>
    </message>
    <message>
        <source>I am ending this session on purpose, not out of habit.</source>
        <translation>Ik beëindig deze sessie bewust, niet uit gewoonte.</translation>
    </message>
    <message>
        <source>A focus session is already running; stop it first or let it end.</source>
        <translation>Er loopt al een focussessie; stop die eerst of laat haar aflopen.</translation>
    </message>
    <message>
        <source>The focus length must be between 1 and 1440 minutes.</source>
        <translation>De focuslengte moet tussen 1 en 1440 minuten liggen.</translation>
    </message>
    <message>
        <source>The number of cycles must be between 1 and 48.</source>
        <translation>Het aantal rondes moet tussen 1 en 48 liggen.</translation>
    </message>
    <message>
        <source>This is a strict session: it can&apos;t be stopped. It ends at its planned end. If you truly must, use the emergency exit from the tray menu.</source>
        <translation>Dit is een strikte sessie: die kun je niet stoppen. Ze loopt tot het geplande einde. Als het echt moet, neem dan de nooduitgang in het menu van het systeemvak.</translation>
    </message>
    <message>
        <source>This is a strict session: it can&apos;t be stopped. It ends at {time}. If you truly must, use the emergency exit from the tray menu.</source>
        <translation>Dit is een strikte sessie: die kun je niet stoppen. Ze eindigt om {time}. Als het echt moet, neem dan de nooduitgang in het menu van het systeemvak.</translation>
    </message>
    <message>
        <source>There is no focus session to pause.</source>
        <translation>Er is geen focussessie om te onderbreken.</translation>
    </message>
    <message>
        <source>This is a strict session: it can&apos;t be paused.</source>
        <translation>Dit is een strikte sessie: die kun je niet onderbreken.</translation>
    </message>
    <message>
        <source>There is no focus session to resume.</source>
        <translation>Er is geen focussessie om te hervatten.</translation>
    </message>
    <message>
        <source>There is no break to skip right now.</source>
        <translation>Er is nu geen pauze om over te slaan.</translation>
    </message>
    <message>
        <source>An emergency exit is only needed for a strict session.</source>
        <translation>Een nooduitgang is alleen nodig bij een strikte sessie.</translation>
    </message>
    <message>
        <source>That emergency exit has expired; start it again from the tray menu.</source>
        <translation>Die nooduitgang is verlopen; begin opnieuw vanuit het menu van het systeemvak.</translation>
    </message>
    <message>
        <source>No emergency exit is left for the last 7 days.</source>
        <translation>Er is geen nooduitgang meer over voor de afgelopen 7 dagen.</translation>
    </message>
    <message>
        <source>{weekday} at {time}</source>
        <translation>{weekday} om {time}</translation>
    </message>
    <message>
        <source>Your settings give strict sessions no emergency exit, so this session runs to its end.</source>
        <translation>Je instellingen geven strikte sessies geen nooduitgang, dus deze sessie loopt tot het einde.</translation>
    </message>
    <message>
        <source>You have used your emergency exit of the last 7 days, so this session runs to its end.</source>
        <translation>Je hebt je nooduitgang van de afgelopen 7 dagen al gebruikt, dus deze sessie loopt tot het einde.</translation>
    </message>
    <message>
        <source>You have used all {count} emergency exits of the last 7 days, so this session runs to its end.</source>
        <translation>Je hebt alle {count} nooduitgangen van de afgelopen 7 dagen gebruikt, dus deze sessie loopt tot het einde.</translation>
    </message>
    <message>
        <source>You have used your emergency exit of the last 7 days, so this session runs to its end. The next one frees up on {when}.</source>
        <translation>Je hebt je nooduitgang van de afgelopen 7 dagen al gebruikt, dus deze sessie loopt tot het einde. De volgende komt vrij op {when}.</translation>
    </message>
    <message>
        <source>You have used all {count} emergency exits of the last 7 days, so this session runs to its end. The next one frees up on {when}.</source>
        <translation>Je hebt alle {count} nooduitgangen van de afgelopen 7 dagen gebruikt, dus deze sessie loopt tot het einde. De volgende komt vrij op {when}.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>{key} {problem}</source>
        <translation>{key} {problem}</translation>
    </message>
    <message>
        <source>must be {expected}, got {value}</source>
        <translation>moet {expected} zijn, maar is {value}</translation>
    </message>
    <message>
        <source>{problem} (using {value})</source>
        <translation>{problem} (dus {value} gebruikt)</translation>
    </message>
    <message>
        <source>{problem} (ignored)</source>
        <translation>{problem} (genegeerd)</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>een geheel getal</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true of false</translation>
    </message>
    <message>
        <source>a time like &quot;09:30&quot;</source>
        <translation>een tijd zoals &quot;09:30&quot;</translation>
    </message>
    <message>
        <source>a non-empty text</source>
        <translation>een niet-lege tekst</translation>
    </message>
    <message>
        <source>a list of texts like [&quot;a&quot;, &quot;b&quot;]</source>
        <translation>een lijst met teksten zoals [&quot;a&quot;, &quot;b&quot;]</translation>
    </message>
    <message>
        <source>a list of days like [&quot;mon&quot;, &quot;tue&quot;]</source>
        <translation>een lijst met dagen zoals [&quot;mon&quot;, &quot;tue&quot;]</translation>
    </message>
    <message>
        <source>a table of minutes per day like { sat = 60 }</source>
        <translation>een tabel met minuten per dag zoals { sat = 60 }</translation>
    </message>
    <message>
        <source>true, false or &quot;system&quot;</source>
        <translation>true, false of &quot;system&quot;</translation>
    </message>
    <message>
        <source>{problem} (this profile is ignored)</source>
        <translation>{problem} (dit profiel wordt genegeerd)</translation>
    </message>
    <message>
        <source>{problem} (this limit is ignored)</source>
        <translation>{problem} (deze limiet wordt genegeerd)</translation>
    </message>
    <message>
        <source>{problem} (this schedule is ignored)</source>
        <translation>{problem} (dit schema wordt genegeerd)</translation>
    </message>
    <message>
        <source>repeats the name {name} of an earlier profile</source>
        <translation>herhaalt de naam {name} van een eerder profiel</translation>
    </message>
    <message>
        <source>repeats the name {name} of an earlier limit</source>
        <translation>herhaalt de naam {name} van een eerdere limiet</translation>
    </message>
    <message>
        <source>repeats the name {name} of an earlier schedule</source>
        <translation>herhaalt de naam {name} van een eerder schema</translation>
    </message>
    <message>
        <source>a whole number between {minimum} and {maximum}</source>
        <translation>een geheel getal tussen {minimum} en {maximum}</translation>
    </message>
    <message>
        <source>a whole number of at least {minimum}</source>
        <translation>een geheel getal van minstens {minimum}</translation>
    </message>
    <message>
        <source>has item {number} that {problem}</source>
        <translation>item {number}: {problem}</translation>
    </message>
    <message>
        <source>must list days among {days}, got {value}</source>
        <translation>moet dagen noemen uit {days}, maar bevat {value}</translation>
    </message>
    <message>
        <source>is an unknown option, ignored (did you mean &quot;{name}&quot;?)</source>
        <translation>is een onbekende optie, genegeerd (bedoelde je &quot;{name}&quot;?)</translation>
    </message>
    <message>
        <source>is an unknown option, ignored</source>
        <translation>is een onbekende optie, genegeerd</translation>
    </message>
    <message>
        <source>must be a table written [{name}], got {value}</source>
        <translation>moet een tabel zijn, geschreven als [{name}], maar is {value}</translation>
    </message>
    <message>
        <source>must be a list of [[{name}]] tables, got {value}</source>
        <translation>moet een lijst van [[{name}]]-tabellen zijn, maar is {value}</translation>
    </message>
    <message>
        <source>{problem} (using the last good {name})</source>
        <translation>{problem} (dus de laatste goede {name} gebruikt)</translation>
    </message>
    <message>
        <source>is missing</source>
        <translation>ontbreekt</translation>
    </message>
    <message>
        <source>must be a table with a name, got {value}</source>
        <translation>moet een tabel met een naam zijn, maar is {value}</translation>
    </message>
    <message>
        <source>is not a day: use {days}</source>
        <translation>is geen dag: gebruik {days}</translation>
    </message>
    <message>
        <source>names no profile you have, got {value}</source>
        <translation>noemt geen profiel dat je hebt, maar {value}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>an empty list</source>
        <translation>een lege lijst</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Pause and ask</source>
        <translation>Even stilstaan en vragen</translation>
    </message>
    <message>
        <source>Minimize the app</source>
        <translation>De app minimaliseren</translation>
    </message>
    <message>
        <source>Close the app (after 10 s)</source>
        <translation>De app sluiten (na 10 s)</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Altijd</translation>
    </message>
    <message>
        <source>Only during focus sessions</source>
        <translation>Alleen tijdens focussessies</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nooit</translation>
    </message>
    <message>
        <source>Keep them, key in the system keyring</source>
        <translation>Bewaren, sleutel in de sleutelbos van het systeem</translation>
    </message>
    <message>
        <source>Keep them, locked with a passphrase</source>
        <translation>Bewaren, vergrendeld met een wachtzin</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Uit</translation>
    </message>
    <message>
        <source>As the desktop says</source>
        <translation>Zoals het bureaublad aangeeft</translation>
    </message>
    <message>
        <source>Reduced: nothing moves</source>
        <translation>Beperkt: niets beweegt</translation>
    </message>
    <message>
        <source>Gentle animations</source>
        <translation>Rustige animaties</translation>
    </message>
    <message>
        <source>Focusapp settings</source>
        <translation>Instellingen van Focusapp</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>Onderdelen van de instellingen</translation>
    </message>
    <message>
        <source>Sess&amp;ions</source>
        <translation>Sess&amp;ies</translation>
    </message>
    <message>
        <source>&amp;Profiles</source>
        <translation>&amp;Profielen</translation>
    </message>
    <message>
        <source>Li&amp;mits</source>
        <translation>Li&amp;mieten</translation>
    </message>
    <message>
        <source>Sc&amp;hedules</source>
        <translation>Sc&amp;hema&apos;s</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>Al&amp;gemeen</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Instellingen opslaan</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Sluiten zonder op te slaan</translation>
    </message>
    <message numerus="yes">
        <source>... and %n more.</source>
        <translation>
            <numerusform>... en nog %n.</numerusform>
            <numerusform>... en nog %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>A few lines in your config file need a look; the rest is in use:</source>
        <translation>Een paar regels in je configuratiebestand verdienen een blik; de rest wordt gebruikt:</translation>
    </message>
    <message>
        <source>Your config file could not be read, so these are your earlier settings. Saving waits until the file is fixed:</source>
        <translation>Je configuratiebestand kon niet worden gelezen, dus dit zijn je eerdere instellingen. Opslaan wacht tot het bestand is hersteld:</translation>
    </message>
    <message>
        <source>Each profile needs a name.</source>
        <translation>Elk profiel heeft een naam nodig.</translation>
    </message>
    <message>
        <source>Two profiles are called &quot;{name}&quot;: give each its own name.</source>
        <translation>Twee profielen heten &quot;{name}&quot;: geef elk een eigen naam.</translation>
    </message>
    <message>
        <source>Each limit needs a name.</source>
        <translation>Elke limiet heeft een naam nodig.</translation>
    </message>
    <message>
        <source>Two limits are called &quot;{name}&quot;: give each its own name.</source>
        <translation>Twee limieten heten &quot;{name}&quot;: geef elk een eigen naam.</translation>
    </message>
    <message>
        <source>Each schedule needs a name.</source>
        <translation>Elk schema heeft een naam nodig.</translation>
    </message>
    <message>
        <source>Two schedules are called &quot;{name}&quot;: give each its own name.</source>
        <translation>Twee schema&apos;s heten &quot;{name}&quot;: geef elk een eigen naam.</translation>
    </message>
    <message>
        <source>The schedule &quot;{name}&quot; needs at least one day.</source>
        <translation>Het schema &quot;{name}&quot; heeft minstens één dag nodig.</translation>
    </message>
    <message>
        <source>Nothing was saved yet.</source>
        <translation>Er is nog niets opgeslagen.</translation>
    </message>
    <message>
        <source>Nothing was saved: your config file has a mistake, and saving over it would lose what you wrote.
{problem}
Fix that line in {path}, then save again.</source>
        <translation>Er is niets opgeslagen: je configuratiebestand bevat een fout, en eroverheen opslaan zou wissen wat je schreef.
{problem}
Herstel die regel in {path} en sla dan opnieuw op.</translation>
    </message>
    <message>
        <source>Nothing was saved: {path} could not be written ({error}).</source>
        <translation>Er is niets opgeslagen: {path} kon niet worden geschreven ({error}).</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <source>Start a focus session</source>
        <translation>Een focussessie starten</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Focus blocks in a row, with a break between each.</source>
        <translation>Focusblokken achter elkaar, met telkens een pauze ertussen.</translation>
    </message>
    <message>
        <source>No profile</source>
        <translation>Geen profiel</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profiel</translation>
    </message>
    <message>
        <source>&amp;Strict session</source>
        <translation>&amp;Strikte sessie</translation>
    </message>
    <message>
        <source>Pause and Stop stay off until it ends. An emergency exit is still there if you really need it.</source>
        <translation>Onderbreken en Stoppen blijven uit tot ze afloopt. Er is nog altijd een nooduitgang als je die echt nodig hebt.</translation>
    </message>
    <message>
        <source>&amp;Length</source>
        <translation>&amp;Lengte</translation>
    </message>
    <message>
        <source>C&amp;ycles</source>
        <translation>&amp;Rondes</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Profiel</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
</context>
<context>
    <name>TargetBars</name>
    <message>
        <source>Apps and sites where urges landed</source>
        <translation>Apps en sites waar de neiging naartoe leidde</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>under a minute left</source>
        <translation>nog minder dan een minuut</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min left</source>
        <translation>nog {hours} u {minutes} min</translation>
    </message>
    <message>
        <source>{minutes} min left</source>
        <translation>nog {minutes} min</translation>
    </message>
    <message>
        <source>{hours} h left</source>
        <translation>nog {hours} u</translation>
    </message>
    <message>
        <source>Focus</source>
        <translation>Focus</translation>
    </message>
    <message>
        <source>Focus paused</source>
        <translation>Focus onderbroken</translation>
    </message>
    <message>
        <source>Short break</source>
        <translation>Korte pauze</translation>
    </message>
    <message>
        <source>Short break paused</source>
        <translation>Korte pauze onderbroken</translation>
    </message>
    <message>
        <source>Long break</source>
        <translation>Lange pauze</translation>
    </message>
    <message>
        <source>Long break paused</source>
        <translation>Lange pauze onderbroken</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Pauze</translation>
    </message>
    <message>
        <source>Break paused</source>
        <translation>Pauze onderbroken</translation>
    </message>
    <message>
        <source>Not in a session</source>
        <translation>Geen sessie</translation>
    </message>
    <message>
        <source>{phase} – {time_left}</source>
        <translation>{phase} – {time_left}</translation>
    </message>
    <message>
        <source>{status} · {cycle} of {cycles}</source>
        <translation>{status} · {cycle} van {cycles}</translation>
    </message>
    <message>
        <source>Strict session – ends at {time}</source>
        <translation>Strikte sessie – eindigt om {time}</translation>
    </message>
    <message>
        <source>Strict session – cycle {cycle} of {cycles}</source>
        <translation>Strikte sessie – ronde {cycle} van {cycles}</translation>
    </message>
    <message>
        <source>Strict session</source>
        <translation>Strikte sessie</translation>
    </message>
    <message>
        <source>Start focus</source>
        <translation>Focus starten</translation>
    </message>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n minuut</numerusform>
            <numerusform>%n minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>Custom length…</source>
        <translation>Eigen lengte…</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profiel</translation>
    </message>
    <message>
        <source>No profile</source>
        <translation>Geen profiel</translation>
    </message>
    <message>
        <source>Strict</source>
        <translation>Strikt</translation>
    </message>
    <message>
        <source>Pause and Stop stay off until the session ends.</source>
        <translation>Onderbreken en Stoppen blijven uit tot de sessie voorbij is.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Onderbreken</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Hervatten</translation>
    </message>
    <message>
        <source>Skip break</source>
        <translation>Pauze overslaan</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Emergency exit…</source>
        <translation>Nooduitgang…</translation>
    </message>
    <message>
        <source>Use raised limits today…</source>
        <translation>Verhoogde limieten vandaag gebruiken…</translation>
    </message>
    <message>
        <source>Journal…</source>
        <translation>Dagboek…</translation>
    </message>
    <message>
        <source>Insights…</source>
        <translation>Inzichten…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Instellingen…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Afsluiten</translation>
    </message>
    <message>
        <source>Time for a short break</source>
        <translation>Tijd voor een korte pauze</translation>
    </message>
    <message>
        <source>Time for a long break</source>
        <translation>Tijd voor een lange pauze</translation>
    </message>
    <message>
        <source>Time for a break</source>
        <translation>Tijd voor een pauze</translation>
    </message>
    <message>
        <source>Focus block done. Step away from the screen for a while.</source>
        <translation>Focusblok klaar. Stap even weg van het scherm.</translation>
    </message>
    <message numerus="yes">
        <source>Focus block done. Step away from the screen for %n min.</source>
        <translation>
            <numerusform>Focusblok klaar. Stap %n min weg van het scherm.</numerusform>
            <numerusform>Focusblok klaar. Stap %n min weg van het scherm.</numerusform>
        </translation>
    </message>
    <message>
        <source>The next focus block starts now.</source>
        <translation>Het volgende focusblok begint nu.</translation>
    </message>
    <message numerus="yes">
        <source>The next focus block starts now, %n min.</source>
        <translation>
            <numerusform>Het volgende focusblok begint nu, %n min.</numerusform>
            <numerusform>Het volgende focusblok begint nu, %n min.</numerusform>
        </translation>
    </message>
    <message>
        <source>Back to focus</source>
        <translation>Terug naar focus</translation>
    </message>
    <message>
        <source>Session complete</source>
        <translation>Sessie klaar</translation>
    </message>
    <message>
        <source>That&apos;s the session. Take a breath.</source>
        <translation>Dat was de sessie. Haal even adem.</translation>
    </message>
    <message>
        <source>Not right now</source>
        <translation>Nu even niet</translation>
    </message>
    <message>
        <source>That didn&apos;t work</source>
        <translation>Dat lukte niet</translation>
    </message>
</context>
<context>
    <name>UrgeGrid</name>
    <message>
        <source>When urges came, by weekday and hour</source>
        <translation>Wanneer de neiging kwam, per weekdag en uur</translation>
    </message>
</context>
<context>
    <name>Weekdays</name>
    <message>
        <source>Monday</source>
        <translation>maandag</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>dinsdag</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>woensdag</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>donderdag</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>vrijdag</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>zaterdag</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>zondag</translation>
    </message>
    <message>
        <source>Mondays</source>
        <translation>maandagen</translation>
    </message>
    <message>
        <source>Tuesdays</source>
        <translation>dinsdagen</translation>
    </message>
    <message>
        <source>Wednesdays</source>
        <translation>woensdagen</translation>
    </message>
    <message>
        <source>Thursdays</source>
        <translation>donderdagen</translation>
    </message>
    <message>
        <source>Fridays</source>
        <translation>vrijdagen</translation>
    </message>
    <message>
        <source>Saturdays</source>
        <translation>zaterdagen</translation>
    </message>
    <message>
        <source>Sundays</source>
        <translation>zondagen</translation>
    </message>
</context>
<context>
    <name>WelcomeWindow</name>
    <message>
        <source>Social media</source>
        <translation>Sociale media</translation>
    </message>
    <message>
        <source>Welcome to Focusapp</source>
        <translation>Welkom bij Focusapp</translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation>&amp;Overslaan</translation>
    </message>
    <message>
        <source>Closes the welcome; you can set everything up later in Settings</source>
        <translation>Sluit het welkomstvenster; je kunt alles later instellen bij Instellingen</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Terug</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Volgende</translation>
    </message>
    <message>
        <source>Focusapp helps you notice the pull of likes and feeds. It runs focus sessions, keeps daily limits for the apps and sites you choose, hides likes and counts in your browser, and when you reach for a feed anyway it offers a short pause and a question instead of a number.</source>
        <translation>Focusapp helpt je de aantrekkingskracht van likes en feeds op te merken. Het begeleidt focussessies, bewaakt daglimieten voor de apps en sites die jij kiest, verbergt likes en aantallen in je browser, en als je toch naar een feed grijpt, geeft het je een korte pauze en een vraag in plaats van een getal.</translation>
    </message>
    <message>
        <source>Everything stays on this computer. There is no account, no server and no tracking: Focusapp makes no network connection of its own. It keeps no scores and no streaks.</source>
        <translation>Alles blijft op deze computer. Er is geen account, geen server en er wordt niets gevolgd: Focusapp maakt zelf geen netwerkverbinding. Het houdt geen scores en geen reeksen bij.</translation>
    </message>
    <message>
        <source>Start Focusapp when I &amp;log in</source>
        <translation>Focusapp starten als ik &amp;inlog</translation>
    </message>
    <message>
        <source>You can change this later in Settings</source>
        <translation>Je kunt dit later aanpassen bij Instellingen</translation>
    </message>
    <message>
        <source>Not available on this system</source>
        <translation>Niet beschikbaar op dit systeem</translation>
    </message>
    <message>
        <source>Which sites pull at you?</source>
        <translation>Welke sites trekken aan je?</translation>
    </message>
    <message>
        <source>Pick the ones you would like a little distance from. You can change this any time in Settings, and pick nothing to decide later.</source>
        <translation>Kies de sites waar je wat afstand van wilt. Je kunt dit altijd aanpassen bij Instellingen, en als je niets kiest, beslis je later.</translation>
    </message>
    <message>
        <source>Block them during &amp;focus sessions</source>
        <translation>Blokkeer ze tijdens &amp;focussessies</translation>
    </message>
    <message>
        <source>Give them a &amp;daily limit of</source>
        <translation>Geef ze een &amp;daglimiet van</translation>
    </message>
    <message>
        <source> min a day</source>
        <translation> min per dag</translation>
    </message>
    <message>
        <source>Daily limit in minutes</source>
        <translation>Daglimiet in minuten</translation>
    </message>
    <message>
        <source>The blocking profile is called “{name}”: choose it in the tray menu when you start a session.</source>
        <translation>Het blokkeerprofiel heet “{name}”: kies het in het menu van het systeemvak als je een sessie start.</translation>
    </message>
    <message>
        <source>The browser helper</source>
        <translation>De browserhulp</translation>
    </message>
    <message>
        <source>A small browser extension hides likes and counts and blocks sites during focus sessions. It talks only to this app. Two steps:</source>
        <translation>Een kleine browserextensie verbergt likes en aantallen en blokkeert sites tijdens focussessies. Ze praat alleen met deze app. Twee stappen:</translation>
    </message>
    <message>
        <source>1. Let your browsers reach Focusapp (the same as &lt;code&gt;focusapp browser install&lt;/code&gt;):</source>
        <translation>1. Laat je browsers Focusapp bereiken (hetzelfde als &lt;code&gt;focusapp browser install&lt;/code&gt;):</translation>
    </message>
    <message>
        <source>&amp;Connect my browsers</source>
        <translation>Mijn &amp;browsers koppelen</translation>
    </message>
    <message>
        <source>Result of connecting the browsers</source>
        <translation>Resultaat van het koppelen van de browsers</translation>
    </message>
    <message>
        <source>2. In Chrome, Chromium, Edge or Brave open the extensions page, turn on Developer mode, choose “Load unpacked” and pick this folder (the same as &lt;code&gt;focusapp browser path&lt;/code&gt;):</source>
        <translation>2. Open in Chrome, Chromium, Edge of Brave de pagina met extensies, zet de ontwikkelaarsmodus aan, kies “Uitgepakte extensie laden” en kies deze map (hetzelfde als &lt;code&gt;focusapp browser path&lt;/code&gt;):</translation>
    </message>
    <message>
        <source>Extension folder</source>
        <translation>Map van de extensie</translation>
    </message>
    <message>
        <source>Co&amp;py</source>
        <translation>Ko&amp;piëren</translation>
    </message>
    <message>
        <source>Copy the extension folder</source>
        <translation>De map van de extensie kopiëren</translation>
    </message>
    <message>
        <source>This installation has no browser extension.</source>
        <translation>Deze installatie heeft geen browserextensie.</translation>
    </message>
    <message>
        <source>Where your notes are kept</source>
        <translation>Waar je notities bewaard worden</translation>
    </message>
    <message>
        <source>When you write a note in the pause or the journal, it is encrypted before it is saved. Focusapp keeps the key in your system keyring when there is one, never in a file next to the notes.</source>
        <translation>Als je een notitie schrijft tijdens een pauze of in het dagboek, wordt die versleuteld voordat ze wordt bewaard. Focusapp bewaart de sleutel in de sleutelbos van je systeem als die er is, nooit in een bestand naast de notities.</translation>
    </message>
    <message>
        <source>Looking for your system keyring…</source>
        <translation>Bezig met zoeken naar de sleutelbos van je systeem…</translation>
    </message>
    <message>
        <source>System keyring</source>
        <translation>Sleutelbos van het systeem</translation>
    </message>
    <message>
        <source>That&apos;s all. Focusapp lives in the tray; everything here can be changed later in Settings.</source>
        <translation>Dat was het. Focusapp woont in het systeemvak; alles hier kun je later aanpassen bij Instellingen.</translation>
    </message>
    <message>
        <source>That didn&apos;t work: {error}. You can try again, or later run focusapp browser install.</source>
        <translation>Dat lukte niet: {error}. Je kunt het opnieuw proberen, of later focusapp browser install uitvoeren.</translation>
    </message>
    <message>
        <source>Done: {browsers} can now reach Focusapp.</source>
        <translation>Klaar: Focusapp is nu bereikbaar voor {browsers}.</translation>
    </message>
    <message>
        <source>Copied. Paste it into the folder dialog.</source>
        <translation>Gekopieerd. Plak het in het venster om een map te kiezen.</translation>
    </message>
    <message>
        <source>Found: your system keyring keeps the key.</source>
        <translation>Gevonden: de sleutelbos van je systeem bewaart de sleutel.</translation>
    </message>
    <message>
        <source>No system keyring was found. After this, Focusapp asks whether to lock your notes with a passphrase or not to keep notes at all.</source>
        <translation>Er is geen sleutelbos van het systeem gevonden. Hierna vraagt Focusapp of je je notities met een wachtzin wilt vergrendelen of helemaal geen notities wilt bewaren.</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Klaar</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Pagina {page} van {pages}</translation>
    </message>
    <message>
        <source>Your choice could not be saved: {error}</source>
        <translation>Je keuze kon niet worden bewaard: {error}</translation>
    </message>
</context>
<context>
    <name>_GeneralPage</name>
    <message>
        <source>Days</source>
        <translation>Dagen</translation>
    </message>
    <message>
        <source>A new day starts at</source>
        <translation>Een nieuwe dag begint om</translation>
    </message>
    <message>
        <source>When a new day begins for limits and statistics.</source>
        <translation>Wanneer een nieuwe dag begint voor limieten en statistieken.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Away after</source>
        <translation>Afwezig na</translation>
    </message>
    <message>
        <source>No input for this long counts as away.</source>
        <translation>Zo lang geen invoer telt als afwezig.</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>Beweging</translation>
    </message>
    <message>
        <source>The breathing pause grows and shrinks unless motion is reduced.</source>
        <translation>Het ademmoment groeit en krimpt, tenzij beweging beperkt is.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Applies the next time Focusapp starts.</source>
        <translation>Gaat in bij de volgende start van Focusapp.</translation>
    </message>
    <message>
        <source>A new &amp;day starts at</source>
        <translation>Een nieuwe &amp;dag begint om</translation>
    </message>
    <message>
        <source>A&amp;way after no input for</source>
        <translation>Zonder invoer af&amp;wezig na</translation>
    </message>
    <message>
        <source>M&amp;otion</source>
        <translation>&amp;Beweging</translation>
    </message>
    <message>
        <source>Lang&amp;uage</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <source>A new language applies the next time Focusapp starts.</source>
        <translation>Een nieuwe taal gaat in bij de volgende start van Focusapp.</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Browser</translation>
    </message>
    <message>
        <source>Hide likes and counts</source>
        <translation>Likes en aantallen verbergen</translation>
    </message>
    <message>
        <source>Hide &amp;likes and counts</source>
        <translation>&amp;Likes en aantallen verbergen</translation>
    </message>
    <message>
        <source>Ask once on someone else&apos;s p&amp;rofile</source>
        <translation>Eén keer vragen op het p&amp;rofiel van een ander</translation>
    </message>
    <message>
        <source>Ask once on someone else&apos;s profile</source>
        <translation>Eén keer vragen op het profiel van een ander</translation>
    </message>
    <message>
        <source>Their follower counts stay hidden, and a small card asks a question.</source>
        <translation>Hun aantal volgers blijft verborgen, en een kleine kaart stelt een vraag.</translation>
    </message>
    <message>
        <source>After I post, keep counts hidden for</source>
        <translation>Na mijn bericht aantallen verbergen gedurende</translation>
    </message>
    <message>
        <source>After you post, counts and notifications stay hidden this long; 0 is off.</source>
        <translation>Na een bericht van jou blijven aantallen en meldingen zo lang verborgen; 0 is uit.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>uit</translation>
    </message>
    <message>
        <source>After I post, keep counts hidden &amp;for</source>
        <translation>&amp;Na mijn bericht aantallen verbergen gedurende</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Dagboek</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notities</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dagen</translation>
    </message>
    <message>
        <source>Keep the journal for</source>
        <translation>Dagboek bewaren gedurende</translation>
    </message>
    <message>
        <source>How long journal entries are kept, in days.</source>
        <translation>Hoelang de momenten in het dagboek bewaard blijven, in dagen.</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>Notiti&amp;es</translation>
    </message>
    <message>
        <source>Notes are encrypted with a key in your system keyring, or a passphrase; off means nothing you type is kept.</source>
        <translation>Notities worden versleuteld met een sleutel uit je sleutelbos of met een wachtzin; bij Uit wordt niets bewaard wat je typt.</translation>
    </message>
    <message>
        <source>&amp;Keep the journal for</source>
        <translation>Dagboek bewaren ged&amp;urende</translation>
    </message>
    <message>
        <source>St&amp;art Focusapp when I log in</source>
        <translation>Focusapp st&amp;arten als ik inlog</translation>
    </message>
    <message>
        <source>Start Focusapp when I log in</source>
        <translation>Focusapp starten als ik inlog</translation>
    </message>
    <message>
        <source>Focusapp starts in the tray each time you log in to this computer.</source>
        <translation>Focusapp start in het systeemvak, elke keer dat je op deze computer inlogt.</translation>
    </message>
</context>
<context>
    <name>_LimitsPage</name>
    <message>
        <source>Your limits</source>
        <translation>Je limieten</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limieten</translation>
    </message>
    <message>
        <source>&amp;Add limit</source>
        <translation>Limiet &amp;toevoegen</translation>
    </message>
    <message>
        <source>Add a limit</source>
        <translation>Een limiet toevoegen</translation>
    </message>
    <message>
        <source>Remove the selected limit</source>
        <translation>De gekozen limiet verwijderen</translation>
    </message>
    <message>
        <source>Limit name</source>
        <translation>Naam van de limiet</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Minutes a day</source>
        <translation>Minuten per dag</translation>
    </message>
    <message>
        <source>Minutes a day across its apps and sites.</source>
        <translation>Minuten per dag, voor al zijn apps en sites samen.</translation>
    </message>
    <message>
        <source>Apps that count, one per line</source>
        <translation>Apps die meetellen, één per regel</translation>
    </message>
    <message>
        <source>Sites that count, one per line</source>
        <translation>Sites die meetellen, één per regel</translation>
    </message>
    <message>
        <source>Same e&amp;very day</source>
        <translation>Elke dag &amp;even veel</translation>
    </message>
    <message>
        <source>Same every day</source>
        <translation>Elke dag even veel</translation>
    </message>
    <message>
        <source>Untick to give some days more or fewer minutes.</source>
        <translation>Zet dit uit om sommige dagen meer of minder minuten te geven.</translation>
    </message>
    <message>
        <source>Minutes on {day}</source>
        <translation>Minuten op {day}</translation>
    </message>
    <message>
        <source>Minutes on {day}.</source>
        <translation>Minuten op {day}.</translation>
    </message>
    <message>
        <source>When the time is used up</source>
        <translation>Wanneer de tijd op is</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Naam</translation>
    </message>
    <message>
        <source>&amp;Daily time</source>
        <translation>&amp;Dagelijkse tijd</translation>
    </message>
    <message>
        <source>Coun&amp;t apps</source>
        <translation>&amp;Apps die meetellen</translation>
    </message>
    <message>
        <source>Count sit&amp;es</source>
        <translation>&amp;Sites die meetellen</translation>
    </message>
    <message>
        <source>When the time is &amp;used up</source>
        <translation>Wanneer de tijd &amp;op is</translation>
    </message>
    <message>
        <source>Lowering a limit applies at once; raising one applies tomorrow.</source>
        <translation>Een limiet verlagen gaat meteen in; een limiet verhogen gaat morgen in.</translation>
    </message>
    <message>
        <source>New limit</source>
        <translation>Nieuwe limiet</translation>
    </message>
</context>
<context>
    <name>_ListWithButtons</name>
    <message>
        <source>&amp;Remove</source>
        <translation>Ver&amp;wijderen</translation>
    </message>
</context>
<context>
    <name>_Notice</name>
    <message>
        <source>Notes about your settings</source>
        <translation>Opmerkingen over je instellingen</translation>
    </message>
</context>
<context>
    <name>_ProfilesPage</name>
    <message>
        <source>Your profiles</source>
        <translation>Je profielen</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profielen</translation>
    </message>
    <message>
        <source>&amp;Add profile</source>
        <translation>Profiel &amp;toevoegen</translation>
    </message>
    <message>
        <source>Add a profile</source>
        <translation>Een profiel toevoegen</translation>
    </message>
    <message>
        <source>Remove the selected profile</source>
        <translation>Het gekozen profiel verwijderen</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Naam van het profiel</translation>
    </message>
    <message>
        <source>Apps to block, one per line</source>
        <translation>Apps om te blokkeren, één per regel</translation>
    </message>
    <message>
        <source>Sites to block, one per line</source>
        <translation>Sites om te blokkeren, één per regel</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Naam</translation>
    </message>
    <message>
        <source>Bloc&amp;k apps</source>
        <translation>Apps bloc&amp;keren</translation>
    </message>
    <message>
        <source>Block si&amp;tes</source>
        <translation>&amp;Sites blokkeren</translation>
    </message>
    <message>
        <source>One per line. Apps by program name or window class; sites by address, like x.com.</source>
        <translation>Eén per regel. Apps bij programmanaam of vensterklasse; sites bij adres, zoals x.com.</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>Nieuw profiel</translation>
    </message>
</context>
<context>
    <name>_SchedulesPage</name>
    <message>
        <source>Your schedules</source>
        <translation>Je schema&apos;s</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>Schema&apos;s</translation>
    </message>
    <message>
        <source>&amp;Add schedule</source>
        <translation>Schema &amp;toevoegen</translation>
    </message>
    <message>
        <source>Add a schedule</source>
        <translation>Een schema toevoegen</translation>
    </message>
    <message>
        <source>Remove the selected schedule</source>
        <translation>Het gekozen schema verwijderen</translation>
    </message>
    <message>
        <source>Schedule name</source>
        <translation>Naam van het schema</translation>
    </message>
    <message>
        <source>Starts at</source>
        <translation>Begint om</translation>
    </message>
    <message>
        <source>Ends at</source>
        <translation>Eindigt om</translation>
    </message>
    <message>
        <source>Profile to block with</source>
        <translation>Profiel om mee te blokkeren</translation>
    </message>
    <message>
        <source>Stri&amp;ct: no pause or stop while it runs</source>
        <translation>Stri&amp;kt: niet onderbreken of stoppen zolang het loopt</translation>
    </message>
    <message>
        <source>Strict</source>
        <translation>Strikt</translation>
    </message>
    <message>
        <source>&amp;On: this schedule runs</source>
        <translation>&amp;Aan: dit schema loopt</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aan</translation>
    </message>
    <message>
        <source>un&amp;til</source>
        <translation>t&amp;ot</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Naam</translation>
    </message>
    <message>
        <source>&amp;Days</source>
        <translation>&amp;Dagen</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Van</translation>
    </message>
    <message>
        <source>Block &amp;with</source>
        <translation>&amp;Blokkeren met</translation>
    </message>
    <message>
        <source>No profile (just a focus session)</source>
        <translation>Geen profiel (alleen een focussessie)</translation>
    </message>
    <message>
        <source>New schedule</source>
        <translation>Nieuw schema</translation>
    </message>
    <message>
        <source>ends the next day</source>
        <translation>eindigt de volgende dag</translation>
    </message>
</context>
<context>
    <name>_SessionsPage</name>
    <message>
        <source>Lengths</source>
        <translation>Lengtes</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>&amp;Focus length</source>
        <translation>&amp;Focuslengte</translation>
    </message>
    <message>
        <source>Length of a focus period.</source>
        <translation>Lengte van een focusperiode.</translation>
    </message>
    <message>
        <source>Short &amp;break</source>
        <translation>Korte pau&amp;ze</translation>
    </message>
    <message>
        <source>Length of a short break.</source>
        <translation>Lengte van een korte pauze.</translation>
    </message>
    <message>
        <source>&amp;Long break</source>
        <translation>&amp;Lange pauze</translation>
    </message>
    <message>
        <source>Length of a long break.</source>
        <translation>Lengte van een lange pauze.</translation>
    </message>
    <message>
        <source>Long break &amp;every</source>
        <translation>Lange pauze &amp;elke</translation>
    </message>
    <message>
        <source> focus periods</source>
        <translation> focusperiodes</translation>
    </message>
    <message>
        <source>A long break after this many focus periods.</source>
        <translation>Een lange pauze na zoveel focusperiodes.</translation>
    </message>
    <message>
        <source>&amp;Cycles (focus periods per session)</source>
        <translation>&amp;Rondes (focusperiodes per sessie)</translation>
    </message>
    <message>
        <source>Focus periods in one session.</source>
        <translation>Focusperiodes in één sessie.</translation>
    </message>
    <message>
        <source>Start sessions in s&amp;trict mode</source>
        <translation>Sessies in strikte m&amp;odus starten</translation>
    </message>
    <message>
        <source>Start sessions in strict mode</source>
        <translation>Sessies in strikte modus starten</translation>
    </message>
    <message>
        <source>Pause and Stop stay off until a strict session ends.</source>
        <translation>Onderbreken en Stoppen blijven uit tot een strikte sessie voorbij is.</translation>
    </message>
    <message>
        <source>Strict mode</source>
        <translation>Strikte modus</translation>
    </message>
    <message>
        <source>Emergency e&amp;xits per week</source>
        <translation>Noo&amp;duitgangen per week</translation>
    </message>
    <message>
        <source>Ways out of a strict session each week.</source>
        <translation>Manieren om een strikte sessie te verlaten, per week.</translation>
    </message>
    <message>
        <source>&amp;Wait before an exit</source>
        <translation>&amp;Wachttijd voor een nooduitgang</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>The wait before an emergency exit.</source>
        <translation>De wachttijd voor een nooduitgang.</translation>
    </message>
    <message>
        <source>An emergency exit is always there. The short wait gives you a moment to decide.</source>
        <translation>Er is altijd een nooduitgang. De korte wachttijd geeft je een moment om te beslissen.</translation>
    </message>
</context>
</TS>
