<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AttentionController</name>
    <message numerus="yes">
        <source>%n minutes left for {name}</source>
        <translation>
            <numerusform>%n minute left for {name}</numerusform>
            <numerusform>%n minutes left for {name}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Its rule closes it; it gets %n seconds to save its work.</source>
        <translation>
            <numerusform>Its rule closes it; it gets %n second to save its work.</numerusform>
            <numerusform>Its rule closes it; it gets %n seconds to save its work.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EmergencyDialog</name>
    <message numerus="yes">
        <source>Emergency exits left this week: %n.</source>
        <translation>
            <numerusform>Emergency exits left this week: %n.</numerusform>
            <numerusform>Emergency exits left this week: %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InsightsWindow</name>
    <message numerus="yes">
        <source>Last %n days</source>
        <translation>
            <numerusform>Last day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InterventionOverlay</name>
    <message numerus="yes">
        <source>Needed: at least %n characters</source>
        <translation>
            <numerusform>Needed: at least %n character</numerusform>
            <numerusform>Needed: at least %n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Open it for %n minutes</source>
        <translation>
            <numerusform>Open it for %n minute</numerusform>
            <numerusform>Open it for %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotesChoiceDialog</name>
    <message numerus="yes">
        <source>At least %n characters; a few unrelated words work well. You&apos;ll type it once each time Focusapp starts. It can&apos;t be recovered, so keep it somewhere safe.</source>
        <translation>
            <numerusform>At least %n character; a few unrelated words work well. You&apos;ll type it once each time Focusapp starts. It can&apos;t be recovered, so keep it somewhere safe.</numerusform>
            <numerusform>At least %n characters; a few unrelated words work well. You&apos;ll type it once each time Focusapp starts. It can&apos;t be recovered, so keep it somewhere safe.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A passphrase needs at least %n characters.</source>
        <translation>
            <numerusform>A passphrase needs at least %n character.</numerusform>
            <numerusform>A passphrase needs at least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message numerus="yes">
        <source>... and %n more.</source>
        <translation>
            <numerusform>... and %n more.</numerusform>
            <numerusform>... and %n more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Focus block done. Step away from the screen for %n min.</source>
        <translation>
            <numerusform>Focus block done. Step away from the screen for %n min.</numerusform>
            <numerusform>Focus block done. Step away from the screen for %n min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The next focus block starts now, %n min.</source>
        <translation>
            <numerusform>The next focus block starts now, %n min.</numerusform>
            <numerusform>The next focus block starts now, %n min.</numerusform>
        </translation>
    </message>
</context>
</TS>
