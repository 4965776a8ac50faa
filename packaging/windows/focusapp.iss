; Inno Setup script: installs Focusapp for the current user, no administrator rights needed.
; NOT VERIFIED ON WINDOWS: written from Inno Setup's documentation; never compiled or run here.
;
; Build on Windows, from the repository root:
;   python packaging\windows\prepare.py
;   pyinstaller --noconfirm --distpath dist\windows packaging\windows\focusapp.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\focusapp.iss      -> dist\windows\focusapp-setup-0.1.0.exe
;
; What it writes under HKEY_CURRENT_USER (the same names the app itself uses, so the app's
; autostart setting and `focusapp browser install|uninstall` keep working on these entries):
;   Software\Microsoft\Windows\CurrentVersion\Run, value "Focusapp"  (the "start at login" task)
;   Software\{Google\Chrome,Chromium,BraveSoftware\Brave-Browser,Microsoft\Edge,Mozilla}\
;     NativeMessagingHosts\org.focusapp.native  (default value: the host manifest's path)

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F1C2B7E-3D4A-4E58-9A61-0C2F5B8D7E13}
AppName=Focusapp
AppVersion={#AppVersion}
AppPublisher=The Focusapp developers
DefaultDirName={localappdata}\Programs\Focusapp
DefaultGroupName=Focusapp
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputDir=..\..\dist\windows
OutputBaseFilename=focusapp-setup-{#AppVersion}
SetupIconFile=..\..\build\windows\focusapp.ico
UninstallDisplayIcon={app}\focusapp-tray.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "autostart"; Description: "Start Focusapp when I log in"

[Files]
Source: "..\..\dist\windows\focusapp\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion
Source: "..\..\build\windows\native-host\*"; DestDir: "{app}\native-host"; Flags: ignoreversion

[Icons]
Name: "{userprograms}\Focusapp"; Filename: "{app}\focusapp-tray.exe"

[Registry]
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; \
  ValueName: "Focusapp"; ValueData: """{app}\focusapp-tray.exe"""; Tasks: autostart; \
  Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Google\Chrome\NativeMessagingHosts\org.focusapp.native"; \
  ValueType: string; ValueData: "{app}\native-host\org.focusapp.native.chromium.json"; \
  Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Chromium\NativeMessagingHosts\org.focusapp.native"; \
  ValueType: string; ValueData: "{app}\native-host\org.focusapp.native.chromium.json"; \
  Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\BraveSoftware\Brave-Browser\NativeMessagingHosts\org.focusapp.native"; \
  ValueType: string; ValueData: "{app}\native-host\org.focusapp.native.chromium.json"; \
  Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Microsoft\Edge\NativeMessagingHosts\org.focusapp.native"; \
  ValueType: string; ValueData: "{app}\native-host\org.focusapp.native.chromium.json"; \
  Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Mozilla\NativeMessagingHosts\org.focusapp.native"; \
  ValueType: string; ValueData: "{app}\native-host\org.focusapp.native.firefox.json"; \
  Flags: uninsdeletekey

[Run]
Filename: "{app}\focusapp-tray.exe"; Description: "Start Focusapp now"; \
  Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "taskkill"; Parameters: "/im focusapp-tray.exe"; Flags: runhidden; RunOnceId: "StopFocusapp"
