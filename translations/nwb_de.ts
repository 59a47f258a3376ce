<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>disconnected</source>
        <translation>getrennt</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>wird verbunden…</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>reconnecting…</source>
        <translation>wird neu verbunden…</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>%1 M msgs/s</source>
        <translation>%L1 Mio. Nachr./s</translation>
    </message>
    <message>
        <source>%1 k msgs/s</source>
        <translation>%L1 Tsd. Nachr./s</translation>
    </message>
    <message>
        <source>%1 msgs/s</source>
        <translation>%L1 Nachr./s</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>NATS Workbench: a desktop home for NATS, with an embedded server.</source>
        <translation>NATS Workbench: eine Desktop-Arbeitsumgebung für NATS mit eingebettetem Server.</translation>
    </message>
    <message>
        <source>Start &lt;n&gt; embedded nodes (default: as last time, or 1).</source>
        <translation>&lt;n&gt; eingebettete Knoten starten (Standard: wie beim letzten Mal, sonst 1).</translation>
    </message>
    <message>
        <source>Ignore the saved window layout and tabs.</source>
        <translation>Gespeicherte Fensteranordnung und Tabs ignorieren.</translation>
    </message>
    <message>
        <source>NATS Workbench</source>
        <translation>NATS Workbench</translation>
    </message>
    <message>
        <source>The workbench database cannot be opened:
%1</source>
        <translation>Die Datenbank der Workbench kann nicht geöffnet werden:
%1</translation>
    </message>
</context>
<context>
    <name>nwb::ui::CliContextImporter</name>
    <message>
        <source>&quot;%1&quot; is not a valid server URL</source>
        <translation>„%1“ ist keine gültige Server-URL</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: only nats:// and tls:// servers can be used</source>
        <translation>„%1“: Nur nats://- und tls://-Server sind möglich</translation>
    </message>
    <message>
        <source>cannot read the nkey seed file %1: %2</source>
        <translation>NKey-Seed-Datei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the nkey file %1 holds no user seed (SU…)</source>
        <translation>die NKey-Datei %1 enthält keinen User-Seed (SU…)</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>nicht lesbar: %1</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>kein gültiges JSON: %1 an Position %2</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a string</source>
        <translation>„%1“ ist keine Zeichenkette</translation>
    </message>
    <message>
        <source>takes its server or credentials from nsc (%1); export them with nsc first</source>
        <translation>bezieht Server oder Credentials aus nsc (%1); exportieren Sie diese zuerst mit nsc</translation>
    </message>
    <message>
        <source>authenticates with user_jwt, which a connection takes as a .creds file</source>
        <translation>authentifiziert sich mit user_jwt, das eine Verbindung als .creds-Datei erwartet</translation>
    </message>
    <message>
        <source>&quot;url&quot; names no server</source>
        <translation>„url“ nennt keinen Server</translation>
    </message>
</context>
<context>
    <name>nwb::ui::ClusterController</name>
    <message numerus="yes">
        <source>Start %n node(s)</source>
        <translation>
            <numerusform>%n Knoten starten</numerusform>
            <numerusform>%n Knoten starten</numerusform>
        </translation>
    </message>
    <message>
        <source>Start %1</source>
        <translation>%1 starten</translation>
    </message>
    <message>
        <source>Stop %1</source>
        <translation>%1 stoppen</translation>
    </message>
    <message>
        <source>Kill %1</source>
        <translation>%1 hart beenden</translation>
    </message>
    <message>
        <source>Restart %1</source>
        <translation>%1 neu starten</translation>
    </message>
    <message>
        <source>Stop all nodes</source>
        <translation>Alle Knoten stoppen</translation>
    </message>
</context>
<context>
    <name>nwb::ui::CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation>Befehlspalette</translation>
    </message>
    <message>
        <source>Type a command…</source>
        <translation>Befehl eingeben…</translation>
    </message>
</context>
<context>
    <name>nwb::ui::ConnectionDialog</name>
    <message>
        <source>New connection</source>
        <translation>Neue Verbindung</translation>
    </message>
    <message>
        <source>e.g. Production</source>
        <translation>z. B. Produktion</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>Farbe…</translation>
    </message>
    <message>
        <source>Marks this connection&apos;s tabs and status bar</source>
        <translation>Kennzeichnet die Tabs und die Statusleiste dieser Verbindung</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>nats://localhost:4222
(one per line or comma-separated)</source>
        <translation>nats://localhost:4222
(eine pro Zeile oder durch Kommas getrennt)</translation>
    </message>
    <message>
        <source>&amp;Servers:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>http://host:8222 (empty: use $SYS requests)</source>
        <translation>http://host:8222 (leer: $SYS-Anfragen verwenden)</translation>
    </message>
    <message>
        <source>&amp;Monitoring URL:</source>
        <translation>&amp;Monitoring-URL:</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>User and password</source>
        <translation>Benutzer und Passwort</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>NKey seed</source>
        <translation>NKey-Seed</translation>
    </message>
    <message>
        <source>Credentials file (.creds)</source>
        <translation>Credentials-Datei (.creds)</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>M&amp;ethode:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>SU…</source>
        <translation>SU…</translation>
    </message>
    <message>
        <source>NKey &amp;seed:</source>
        <translation>N&amp;Key-Seed:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Credentials file:</source>
        <translation>&amp;Credentials-Datei:</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Require TLS</source>
        <translation>TLS erzwingen</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.cer *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>CA &amp;file:</source>
        <translation>CA-&amp;Datei:</translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation>CA-Zertifikate</translation>
    </message>
    <message>
        <source>Client &amp;certificate:</source>
        <translation>Client-&amp;Zertifikat:</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>Client-Zertifikat</translation>
    </message>
    <message>
        <source>Client &amp;key:</source>
        <translation>Client-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>Client-Schlüssel</translation>
    </message>
    <message>
        <source>empty: the system&apos;s roots</source>
        <translation>leer: Stammzertifikate des Systems</translation>
    </message>
    <message>
        <source>Skip server certificate verification (insecure)</source>
        <translation>Prüfung des Serverzertifikats überspringen (unsicher)</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
    <message>
        <source>Credentials file</source>
        <translation>Credentials-Datei</translation>
    </message>
    <message>
        <source>Credentials (*.creds);;All files (*)</source>
        <translation>Credentials (*.creds);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>“%1” is not a valid URL.</source>
        <translation>„%1“ ist keine gültige URL.</translation>
    </message>
    <message>
        <source>“%1” must start with nats:// or tls://.</source>
        <translation>„%1“ muss mit nats:// oder tls:// beginnen.</translation>
    </message>
    <message>
        <source>“%1” has no host.</source>
        <translation>„%1“ enthält keinen Host.</translation>
    </message>
    <message>
        <source>“%1” has a path; a server URL is nats://host:port.</source>
        <translation>„%1“ enthält einen Pfad; eine Server-URL hat die Form nats://host:port.</translation>
    </message>
    <message>
        <source>“%1” has a query or fragment; a server URL is nats://host:port.</source>
        <translation>„%1“ enthält einen Abfrageteil oder ein Fragment; eine Server-URL hat die Form nats://host:port.</translation>
    </message>
    <message>
        <source>Enter at least one server URL, e.g. nats://localhost:4222.</source>
        <translation>Geben Sie mindestens eine Server-URL ein, z. B. nats://localhost:4222.</translation>
    </message>
    <message>
        <source>Give the connection a name.</source>
        <translation>Geben Sie der Verbindung einen Namen.</translation>
    </message>
    <message>
        <source>Give the connection a name. %1</source>
        <translation>Geben Sie der Verbindung einen Namen. %1</translation>
    </message>
    <message>
        <source>Edit connection – %1</source>
        <translation>Verbindung bearbeiten – %1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Connected to %1 (nats-server %2), RTT %3, JetStream %4</source>
        <translation>Verbunden mit %1 (nats-server %2), RTT %3, JetStream %4</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
</context>
<context>
    <name>nwb::ui::ConnectionTester</name>
    <message>
        <source>no server URL</source>
        <translation>keine Server-URL</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>Zeitüberschreitung</translation>
    </message>
</context>
<context>
    <name>nwb::ui::ConnectionsManagerDialog</name>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Neu…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Import nats contexts</source>
        <translation>nats-Kontexte &amp;importieren</translation>
    </message>
    <message>
        <source>Adds the nats CLI&apos;s saved contexts as connections</source>
        <translation>Übernimmt die gespeicherten Kontexte der nats-CLI als Verbindungen</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Saves connections as JSON; passwords, tokens and seeds are left out</source>
        <translation>Speichert die Verbindungen als JSON; Passwörter, Tokens und Seeds werden weggelassen</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Cannot read the saved connections: %1</source>
        <translation>Die gespeicherten Verbindungen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot save “%1”: %2</source>
        <translation>„%1“ kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>„%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Delete connection</source>
        <translation>Verbindung löschen</translation>
    </message>
    <message>
        <source>Delete the connection “%1”?</source>
        <translation>Die Verbindung „%1“ löschen?</translation>
    </message>
    <message>
        <source>Cannot delete “%1”: %2</source>
        <translation>„%1“ kann nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>„%1“ gelöscht.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No nats contexts in %1.</source>
        <translation>Keine nats-Kontexte in %1.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n connection(s) from %1.</source>
        <translation>
            <numerusform>%n Verbindung aus %1 importiert.</numerusform>
            <numerusform>%n Verbindungen aus %1 importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Übersprungen: %1</translation>
    </message>
    <message>
        <source>Export connections</source>
        <translation>Verbindungen exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON-Dateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>Export nicht möglich: %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Exported to %1 (passwords, tokens and seeds are left out).</source>
        <translation>Nach %1 exportiert (Passwörter, Tokens und Seeds wurden weggelassen).</translation>
    </message>
</context>
<context>
    <name>nwb::ui::ConnectionsTablePanel</name>
    <message>
        <source>Filter by any column</source>
        <translation>In allen Spalten filtern</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Fetch the connections now (F5)</source>
        <translation>Verbindungen jetzt abrufen (F5)</translation>
    </message>
    <message>
        <source>Refresh connections</source>
        <translation>Verbindungen aktualisieren</translation>
    </message>
    <message>
        <source>no monitoring URL</source>
        <translation>keine Monitoring-URL</translation>
    </message>
    <message>
        <source>not an http(s) URL: %1</source>
        <translation>keine http(s)-URL: %1</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>HTTP: %1; </source>
        <translation>HTTP: %1; </translation>
    </message>
    <message>
        <source>$SYS: not connected</source>
        <translation>$SYS: nicht verbunden</translation>
    </message>
    <message>
        <source>$SYS</source>
        <translation>$SYS</translation>
    </message>
    <message>
        <source>$SYS: %1</source>
        <translation>$SYS: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s), from %1</source>
        <translation>
            <numerusform>%n Verbindung, Quelle: %1</numerusform>
            <numerusform>%n Verbindungen, Quelle: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Connections unavailable: %1</source>
        <translation>Verbindungen nicht verfügbar: %1</translation>
    </message>
</context>
<context>
    <name>nwb::ui::ConnzModel</name>
    <message>
        <source>CID</source>
        <translation>CID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Pending bytes</source>
        <translation>Ausstehende Bytes</translation>
    </message>
    <message>
        <source>In msgs</source>
        <translation>Nachr. ein</translation>
    </message>
    <message>
        <source>Out msgs</source>
        <translation>Nachr. aus</translation>
    </message>
    <message>
        <source>In bytes</source>
        <translation>Bytes ein</translation>
    </message>
    <message>
        <source>Out bytes</source>
        <translation>Bytes aus</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>Abonnements</translation>
    </message>
    <message>
        <source>RTT</source>
        <translation>RTT</translation>
    </message>
</context>
<context>
    <name>nwb::ui::ConsumerTableModel</name>
    <message>
        <source>durable</source>
        <translation>dauerhaft</translation>
    </message>
    <message>
        <source>ephemeral</source>
        <translation>flüchtig</translation>
    </message>
    <message>
        <source>Stream sequence of the last message delivered</source>
        <translation>Stream-Sequenz der zuletzt zugestellten Nachricht</translation>
    </message>
    <message>
        <source>Stream sequence up to which every message is acknowledged</source>
        <translation>Stream-Sequenz, bis zu der jede Nachricht bestätigt ist</translation>
    </message>
    <message>
        <source>Messages in the stream not yet delivered to this consumer</source>
        <translation>Nachrichten im Stream, die diesem Consumer noch nicht zugestellt wurden</translation>
    </message>
    <message>
        <source>Messages delivered and not yet acknowledged</source>
        <translation>Zugestellte, noch nicht bestätigte Nachrichten</translation>
    </message>
    <message>
        <source>Pull requests waiting for messages</source>
        <translation>Pull-Anfragen, die auf Nachrichten warten</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Deliver policy</source>
        <translation>Zustellung</translation>
    </message>
    <message>
        <source>Ack policy</source>
        <translation>Bestätigung</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Ack floor</source>
        <translation>Bestätigt bis</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Ack pending</source>
        <translation>Unbestätigt</translation>
    </message>
    <message>
        <source>Redelivered</source>
        <translation>Erneut zugestellt</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
</context>
<context>
    <name>nwb::ui::Database</name>
    <message>
        <source>unknown SQLite error</source>
        <translation>unbekannter SQLite-Fehler</translation>
    </message>
    <message>
        <source>%1: cannot create the folder %2</source>
        <translation>%1: Ordner %2 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1: no SQLite driver: %2</source>
        <translation>%1: kein SQLite-Treiber: %2</translation>
    </message>
    <message>
        <source>schema version %1 is newer than this workbench knows (%2)</source>
        <translation>Schemaversion %1 ist neuer als die, die diese Workbench kennt (%2)</translation>
    </message>
</context>
<context>
    <name>nwb::ui::EventLog</name>
    <message>
        <source>Node and connection events appear here.</source>
        <translation>Hier erscheinen Ereignisse von Knoten und Verbindungen.</translation>
    </message>
</context>
<context>
    <name>nwb::ui::HeadersEditor</name>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>Add a header</source>
        <translation>Header hinzufügen</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Remove the selected headers</source>
        <translation>Ausgewählte Header entfernen</translation>
    </message>
</context>
<context>
    <name>nwb::ui::JsError</name>
    <message>
        <source>Not connected to the server.</source>
        <translation>Nicht mit dem Server verbunden.</translation>
    </message>
    <message>
        <source>JetStream is not enabled for this account: %1 (error %2, code %3).</source>
        <translation>JetStream ist für dieses Konto nicht aktiviert: %1 (Fehler %2, Code %3).</translation>
    </message>
    <message>
        <source>JetStream is not enabled on this server: nobody answers on $JS.API.</source>
        <translation>JetStream ist auf diesem Server nicht aktiviert: Niemand antwortet auf $JS.API.</translation>
    </message>
    <message>
        <source>The JetStream API did not answer in time.</source>
        <translation>Die JetStream-API hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The JetStream API reported an error: %1 (error %2, code %3).</source>
        <translation>Die JetStream-API meldet einen Fehler: %1 (Fehler %2, Code %3).</translation>
    </message>
    <message>
        <source>The JetStream API sent a reply that cannot be read: %1.</source>
        <translation>Die JetStream-API hat eine unlesbare Antwort geschickt: %1.</translation>
    </message>
    <message>
        <source>The JetStream request failed: %1.</source>
        <translation>Die JetStream-Anfrage ist fehlgeschlagen: %1.</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>no &quot;%1&quot; array</source>
        <translation>kein Array „%1“</translation>
    </message>
    <message>
        <source>no &quot;%1&quot; object</source>
        <translation>kein Objekt „%1“</translation>
    </message>
</context>
<context>
    <name>nwb::ui::KvBucketTableModel</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1d</source>
        <translation>%1 T</translation>
    </message>
    <message>
        <source>%1h</source>
        <translation>%1 Std</translation>
    </message>
    <message>
        <source>%1m</source>
        <translation>%1 Min</translation>
    </message>
    <message>
        <source>%1s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>Bucket</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation>Mirror</translation>
    </message>
</context>
<context>
    <name>nwb::ui::KvKeyTableModel</name>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln Byte</numerusform>
            <numerusform>%Ln Byte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nwb::ui::KvPanel</name>
    <message>
        <source>Show &amp;deleted</source>
        <translation>&amp;Gelöschte anzeigen</translation>
    </message>
    <message>
        <source>Also list keys whose last entry is a delete or purge marker</source>
        <translation>Auch Schlüssel auflisten, deren letzter Eintrag eine Lösch- oder Purge-Markierung ist</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Fetch the buckets and keys now (F5)</source>
        <translation>Buckets und Schlüssel jetzt abrufen (F5)</translation>
    </message>
    <message>
        <source>Select a bucket to see its keys.</source>
        <translation>Wählen Sie einen Bucket, um seine Schlüssel zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>%n bucket(s)</source>
        <translation>
            <numerusform>%n Bucket</numerusform>
            <numerusform>%n Buckets</numerusform>
        </translation>
    </message>
    <message>
        <source>Keys of %1</source>
        <translation>Schlüssel von %1</translation>
    </message>
    <message>
        <source>Loading the keys of %1…</source>
        <translation>Die Schlüssel von %1 werden geladen…</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) in %1</source>
        <translation>
            <numerusform>%n Schlüssel in %1</numerusform>
            <numerusform>%n Schlüssel in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(only the first %1 of %n key(s) are listed)</source>
        <translation>
            <numerusform>(nur die ersten %1 von %n Schlüssel sind aufgeführt)</numerusform>
            <numerusform>(nur die ersten %1 von %n Schlüsseln sind aufgeführt)</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a key to see its value.</source>
        <translation>Wählen Sie einen Schlüssel, um seinen Wert zu sehen.</translation>
    </message>
    <message>
        <source>Value of %1 at revision %2</source>
        <translation>Wert von %1 in Revision %2</translation>
    </message>
    <message>
        <source>%1 was deleted at revision %2 (%3)</source>
        <translation>%1 wurde in Revision %2 gelöscht (%3)</translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s) of %1</source>
        <translation>
            <numerusform>%n Revision von %1</numerusform>
            <numerusform>%n Revisionen von %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nwb::ui::LatencyProbe</name>
    <message>
        <source>latency probe: %1</source>
        <translation>Latenzmessung: %1</translation>
    </message>
</context>
<context>
    <name>nwb::ui::LocalClusterPanel</name>
    <message>
        <source>&lt;b&gt;Local cluster&lt;/b&gt; — servers running inside the workbench</source>
        <translation>&lt;b&gt;Lokaler Cluster&lt;/b&gt; – Server, die in der Workbench laufen</translation>
    </message>
    <message>
        <source>Each node is an independent server for now: a message published on one node is not seen on another.</source>
        <translation>Jeder Knoten ist vorerst ein eigenständiger Server: Eine auf einem Knoten veröffentlichte Nachricht ist auf anderen Knoten nicht zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n Knoten</numerusform>
            <numerusform>%n Knoten</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Start or stop nodes until the cluster has this many</source>
        <translation>Knoten starten oder stoppen, bis der Cluster so viele hat</translation>
    </message>
    <message>
        <source>Cluster size:</source>
        <translation>Clustergröße:</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Graceful shutdown: clients are told and connections closed cleanly</source>
        <translation>Geordnetes Herunterfahren: Clients werden benachrichtigt und Verbindungen sauber geschlossen</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>Hart beenden</translation>
    </message>
    <message>
        <source>Drop every connection at once, as a crash would</source>
        <translation>Alle Verbindungen sofort abbrechen, wie bei einem Absturz</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>Stop, then start again on the same ports</source>
        <translation>Stoppen und auf denselben Ports neu starten</translation>
    </message>
    <message>
        <source>working…</source>
        <translation>wird ausgeführt…</translation>
    </message>
</context>
<context>
    <name>nwb::ui::MainWindow</name>
    <message>
        <source>NATS Workbench</source>
        <translation>NATS Workbench</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1: erledigt</translation>
    </message>
    <message>
        <source>%1: failed</source>
        <translation>%1: fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Message detail</source>
        <translation>Nachrichtendetails</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New connection…</source>
        <translation>&amp;Neue Verbindung…</translation>
    </message>
    <message>
        <source>&amp;Import nats CLI contexts…</source>
        <translation>nats-CLI-Kontexte &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Command &amp;palette…</source>
        <translation>&amp;Befehlspalette…</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Close tab</source>
        <translation>&amp;Tab schließen</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Theme: %1</source>
        <translation>Farbschema: %1</translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation>&amp;Cluster</translation>
    </message>
    <message>
        <source>Open the &amp;local cluster panel</source>
        <translation>Bereich „&amp;Lokaler Cluster“ öffnen</translation>
    </message>
    <message numerus="yes">
        <source>Run %n local node(s)</source>
        <translation>
            <numerusform>%n lokalen Knoten ausführen</numerusform>
            <numerusform>%n lokale Knoten ausführen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Stop all local nodes</source>
        <translation>&amp;Alle lokalen Knoten stoppen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About NATS Workbench</source>
        <translation>&amp;Über NATS Workbench</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 is not available</source>
        <translation>%1 ist nicht verfügbar</translation>
    </message>
    <message>
        <source>Node %1 is %2</source>
        <translation>Knoten %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Local cluster: %1 of %n node(s) running</source>
        <translation>
            <numerusform>Lokaler Cluster: %1 von %n Knoten in Betrieb</numerusform>
            <numerusform>Lokaler Cluster: %1 von %n Knoten in Betrieb</numerusform>
        </translation>
    </message>
    <message>
        <source>Node %1 removed</source>
        <translation>Knoten %1 entfernt</translation>
    </message>
    <message>
        <source>Connection to %1: %2</source>
        <translation>Verbindung zu %1: %2</translation>
    </message>
    <message>
        <source>No server selected</source>
        <translation>Kein Server ausgewählt</translation>
    </message>
    <message>
        <source>in %1 · out %2</source>
        <translation>ein %1 · aus %2</translation>
    </message>
    <message>
        <source>Saved connections cannot be read: %1</source>
        <translation>Gespeicherte Verbindungen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Connection not saved</source>
        <translation>Verbindung nicht gespeichert</translation>
    </message>
    <message>
        <source>Connection not removed: %1</source>
        <translation>Verbindung nicht entfernt: %1</translation>
    </message>
    <message>
        <source>Import nats CLI contexts</source>
        <translation>nats-CLI-Kontexte importieren</translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s) imported.</source>
        <translation>
            <numerusform>%n Verbindung importiert.</numerusform>
            <numerusform>%n Verbindungen importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read; see the event log.</source>
        <translation>
            <numerusform>%n Datei konnte nicht gelesen werden; siehe Ereignisprotokoll.</numerusform>
            <numerusform>%n Dateien konnten nicht gelesen werden; siehe Ereignisprotokoll.</numerusform>
        </translation>
    </message>
    <message>
        <source>About NATS Workbench</source>
        <translation>Über NATS Workbench</translation>
    </message>
    <message>
        <source>&lt;h3&gt;NATS Workbench %1&lt;/h3&gt;&lt;p&gt;A desktop home for NATS: an embedded NATS-compatible server, a subject browser, publish and request, and live monitoring of any NATS server.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;NATS Workbench %1&lt;/h3&gt;&lt;p&gt;Eine Desktop-Arbeitsumgebung für NATS: ein eingebetteter, NATS-kompatibler Server, ein Subject-Browser, Veröffentlichen und Anfragen sowie Live-Monitoring beliebiger NATS-Server.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Manage connections…</source>
        <translation>Verbindungen &amp;verwalten…</translation>
    </message>
    <message>
        <source>Node %1 is %2: %3</source>
        <translation>Knoten %1: %2 (%3)</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
</context>
<context>
    <name>nwb::ui::MessageDetailView</name>
    <message>
        <source>Subject:</source>
        <translation>Subject:</translation>
    </message>
    <message>
        <source>Reply:</source>
        <translation>Antwort an:</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>Empfangen:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Copy subject</source>
        <translation>Subject kopieren</translation>
    </message>
    <message>
        <source>Copy payload</source>
        <translation>Payload kopieren</translation>
    </message>
    <message>
        <source>Copy as nats pub</source>
        <translation>Als „nats pub“ kopieren</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>The payload is binary: it is copied as UTF-8 text and may not be reproduced exactly.</source>
        <translation>Die Payload ist binär: Sie wird als UTF-8-Text kopiert und womöglich nicht exakt wiedergegeben.</translation>
    </message>
    <message>
        <source>Copy the payload as text</source>
        <translation>Payload als Text kopieren</translation>
    </message>
    <message>
        <source>Copy a nats CLI command that publishes this message</source>
        <translation>Einen nats-CLI-Befehl kopieren, der diese Nachricht veröffentlicht</translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln Byte</numerusform>
            <numerusform>%Ln Byte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nwb::ui::MessageListModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Payload</translation>
    </message>
</context>
<context>
    <name>nwb::ui::MonitorEndpoint</name>
    <message>
        <source>no answer in time</source>
        <translation>keine Antwort innerhalb der Frist</translation>
    </message>
    <message>
        <source>HTTP status %1</source>
        <translation>HTTP-Status %1</translation>
    </message>
    <message>
        <source>not a JSON object: %1</source>
        <translation>kein JSON-Objekt: %1</translation>
    </message>
    <message>
        <source>malformed $SYS reply: %1</source>
        <translation>fehlerhafte $SYS-Antwort: %1</translation>
    </message>
    <message>
        <source>$SYS error %1: %2</source>
        <translation>$SYS-Fehler %1: %2</translation>
    </message>
    <message>
        <source>$SYS reply without data</source>
        <translation>$SYS-Antwort ohne Daten</translation>
    </message>
</context>
<context>
    <name>nwb::ui::MonitoringPanel</name>
    <message>
        <source>Last minute</source>
        <translation>Letzte Minute</translation>
    </message>
    <message>
        <source>Last 5 minutes</source>
        <translation>Letzte 5 Minuten</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>Letzte 15 Minuten</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Als PNG exportieren…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Als CSV exportieren…</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>In msgs/s</source>
        <translation>Eingehende Nachr./s</translation>
    </message>
    <message>
        <source>Out msgs/s</source>
        <translation>Ausgehende Nachr./s</translation>
    </message>
    <message>
        <source>msgs/s</source>
        <translation>Nachr./s</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>In bytes/s</source>
        <translation>Eingehende Bytes/s</translation>
    </message>
    <message>
        <source>Out bytes/s</source>
        <translation>Ausgehende Bytes/s</translation>
    </message>
    <message>
        <source>bytes/s</source>
        <translation>Bytes/s</translation>
    </message>
    <message>
        <source>Connections and subscriptions</source>
        <translation>Verbindungen und Abonnements</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>Abonnements</translation>
    </message>
    <message>
        <source>Slow consumers</source>
        <translation>Slow Consumer</translation>
    </message>
    <message>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Request-reply round trip</source>
        <translation>Umlaufzeit Anfrage–Antwort</translation>
    </message>
    <message>
        <source>RTT (ms)</source>
        <translation>RTT (ms)</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>up %1d %2h %3m</source>
        <translation>Laufzeit %1 d %2 h %3 min</translation>
    </message>
    <message>
        <source>up %1h %2m %3s</source>
        <translation>Laufzeit %1 h %2 min %3 s</translation>
    </message>
    <message>
        <source>JetStream</source>
        <translation>JetStream</translation>
    </message>
    <message>
        <source>source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>Waiting for the first sample…</source>
        <translation>Warten auf den ersten Messwert…</translation>
    </message>
    <message>
        <source>Export charts as PNG</source>
        <translation>Diagramme als PNG exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>PNG-Export</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Export samples as CSV</source>
        <translation>Messwerte als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV-Export</translation>
    </message>
</context>
<context>
    <name>nwb::ui::NatsOptionsBuilder</name>
    <message>
        <source>no server URL</source>
        <translation>keine Server-URL</translation>
    </message>
    <message>
        <source>credentials file</source>
        <translation>Credentials-Datei</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA-Datei</translation>
    </message>
    <message>
        <source>client certificate</source>
        <translation>Client-Zertifikat</translation>
    </message>
</context>
<context>
    <name>nwb::ui::NatsSession</name>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>no responders available for request</source>
        <translation>keine Responder für die Anfrage verfügbar</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>Zeitüberschreitung</translation>
    </message>
</context>
<context>
    <name>nwb::ui::Navigator</name>
    <message>
        <source>Local cluster</source>
        <translation>Lokaler Cluster</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>%1 · :%2</source>
        <translation>%1 · :%2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>New connection…</source>
        <translation>Neue Verbindung…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>nwb::ui::NkeySigner</name>
    <message>
        <source>invalid NKey seed</source>
        <translation>ungültiger NKey-Seed</translation>
    </message>
    <message>
        <source>invalid NKey seed: checksum mismatch</source>
        <translation>ungültiger NKey-Seed: Prüfsumme stimmt nicht</translation>
    </message>
    <message>
        <source>not an NKey seed</source>
        <translation>kein NKey-Seed</translation>
    </message>
    <message>
        <source>not a user NKey seed</source>
        <translation>kein Benutzer-NKey-Seed</translation>
    </message>
</context>
<context>
    <name>nwb::ui::Node</name>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>wird gestartet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>wird gestoppt</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>hart beendet</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>nwb::ui::NodeTableModel</name>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Client URL</source>
        <translation>Client-URL</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Monitoring</translation>
    </message>
    <message>
        <source>Server ID</source>
        <translation>Server-ID</translation>
    </message>
</context>
<context>
    <name>nwb::ui::PayloadViewer</name>
    <message>
        <source>object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>array</source>
        <translation>Array</translation>
    </message>
    <message>
        <source>string</source>
        <translation>Zeichenkette</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>Wahrheitswert</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>How to show the payload</source>
        <translation>Darstellung der Payload</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>Alle aufklappen</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>View as:</source>
        <translation>Anzeigen als:</translation>
    </message>
    <message>
        <source>The payload is not valid JSON.</source>
        <translation>Die Payload ist kein gültiges JSON.</translation>
    </message>
    <message>
        <source>(root)</source>
        <translation>(Wurzel)</translation>
    </message>
    <message>
        <source>First %1 of %2 bytes shown</source>
        <translation>Die ersten %1 von %2 Bytes werden angezeigt</translation>
    </message>
</context>
<context>
    <name>nwb::ui::ProfileStore</name>
    <message>
        <source>no saved connection has id %1</source>
        <translation>keine gespeicherte Verbindung hat die ID %1</translation>
    </message>
    <message>
        <source>not JSON: %1 at offset %2</source>
        <translation>kein JSON: %1 an Position %2</translation>
    </message>
    <message>
        <source>not a NATS Workbench connections export</source>
        <translation>kein Verbindungsexport von NATS Workbench</translation>
    </message>
    <message>
        <source>unsupported export version %1</source>
        <translation>nicht unterstützte Exportversion %1</translation>
    </message>
    <message>
        <source>connection %1 has no name</source>
        <translation>Verbindung %1 hat keinen Namen</translation>
    </message>
    <message>
        <source>%1: colour &quot;%2&quot; is not #rrggbb</source>
        <translation>%1: Farbe „%2“ hat nicht die Form #rrggbb</translation>
    </message>
    <message>
        <source>%1: unknown auth &quot;%2&quot;</source>
        <translation>%1: unbekannte Authentifizierung „%2“</translation>
    </message>
</context>
<context>
    <name>nwb::ui::PublishHistoryModel</name>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Veröffentlichung</translation>
    </message>
    <message>
        <source>%1 (reply to %2)</source>
        <translation>%1 (Antwort an %2)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Payload</translation>
    </message>
    <message numerus="yes">
        <source>&lt;%n byte(s), binary&gt;</source>
        <translation>
            <numerusform>&lt;%n Byte, binär&gt;</numerusform>
            <numerusform>&lt;%n Byte, binär&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln Byte</numerusform>
            <numerusform>%Ln Byte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nwb::ui::PublishHistoryPanel</name>
    <message>
        <source>Send again</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>&lt;b&gt;History&lt;/b&gt;</source>
        <translation>&lt;b&gt;Verlauf&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>nwb::ui::PublishPanel</name>
    <message>
        <source>e.g. orders.new</source>
        <translation>z. B. orders.new</translation>
    </message>
    <message>
        <source>optional reply subject</source>
        <translation>optionales Antwort-Subject</translation>
    </message>
    <message>
        <source>Reply to:</source>
        <translation>Antwort an:</translation>
    </message>
    <message>
        <source>Payload (text or JSON)</source>
        <translation>Payload (Text oder JSON)</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Veröffentlichen</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>How long a request waits for its reply</source>
        <translation>Wie lange eine Anfrage auf ihre Antwort wartet</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>Zeitlimit:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Subject:</translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation>Header:</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
    <message numerus="yes">
        <source>Published %n byte(s) to %1</source>
        <translation>
            <numerusform>%n Byte an %1 veröffentlicht</numerusform>
            <numerusform>%n Bytes an %1 veröffentlicht</numerusform>
        </translation>
    </message>
    <message>
        <source>Not published: %1</source>
        <translation>Nicht veröffentlicht: %1</translation>
    </message>
    <message>
        <source>Waiting for a reply on %1…</source>
        <translation>Warten auf Antwort zu %1…</translation>
    </message>
    <message>
        <source>Request failed: %1</source>
        <translation>Anfrage fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Reply from %1 in %2 ms (%n byte(s))</source>
        <translation>
            <numerusform>Antwort von %1 in %2 ms (%n Byte)</numerusform>
            <numerusform>Antwort von %1 in %2 ms (%n Bytes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Enter a subject without spaces or wildcards</source>
        <translation>Geben Sie ein Subject ohne Leerzeichen und Wildcards ein</translation>
    </message>
</context>
<context>
    <name>nwb::ui::ServerInfoReader</name>
    <message>
        <source>the server did not send INFO (is this a NATS server?)</source>
        <translation>der Server hat kein INFO gesendet (ist das ein NATS-Server?)</translation>
    </message>
    <message>
        <source>unreadable INFO: %1</source>
        <translation>unlesbares INFO: %1</translation>
    </message>
    <message>
        <source>invalid server URL: %1</source>
        <translation>ungültige Server-URL: %1</translation>
    </message>
    <message>
        <source>cannot reach %1:%2: %3</source>
        <translation>%1:%2 nicht erreichbar: %3</translation>
    </message>
    <message>
        <source>no INFO from %1:%2: %3</source>
        <translation>kein INFO von %1:%2: %3</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>Zeitüberschreitung</translation>
    </message>
</context>
<context>
    <name>nwb::ui::StreamTableModel</name>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln Byte</numerusform>
            <numerusform>%Ln Byte</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Byte</translation>
    </message>
    <message>
        <source>mirror of %1</source>
        <translation>Spiegel von %1</translation>
    </message>
    <message numerus="yes">
        <source>%n source(s): %1</source>
        <translation>
            <numerusform>%n Quelle: %1</numerusform>
            <numerusform>%n Quellen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>Subjects</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Aufbewahrung</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>First seq</source>
        <translation>Erste Seq.</translation>
    </message>
    <message>
        <source>Last seq</source>
        <translation>Letzte Seq.</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>Consumer</translation>
    </message>
    <message>
        <source>Mirror / sources</source>
        <translation>Spiegel / Quellen</translation>
    </message>
</context>
<context>
    <name>nwb::ui::StreamsPanel</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Fetch the streams now (F5)</source>
        <translation>Streams jetzt abrufen (F5)</translation>
    </message>
    <message>
        <source>Select a stream to see its configuration, state and consumers.</source>
        <translation>Wählen Sie einen Stream, um seine Konfiguration, seinen Zustand und seine Consumer zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>%n stream(s)</source>
        <translation>
            <numerusform>%n Stream</numerusform>
            <numerusform>%n Streams</numerusform>
        </translation>
    </message>
    <message>
        <source>Consumers of %1</source>
        <translation>Consumer von %1</translation>
    </message>
    <message>
        <source>Loading the consumers of %1…</source>
        <translation>Die Consumer von %1 werden geladen…</translation>
    </message>
    <message>
        <source>Stream %1</source>
        <translation>Stream %1</translation>
    </message>
    <message numerus="yes">
        <source>%n consumer(s) of %1</source>
        <translation>
            <numerusform>%n Consumer von %1</numerusform>
            <numerusform>%n Consumer von %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nwb::ui::SubjectBrowserPanel</name>
    <message>
        <source>Subject to subscribe to; * matches one token, &gt; the rest</source>
        <translation>Zu abonnierendes Subject; * passt auf ein Token, &gt; auf den Rest</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Queue group: messages are shared with its other members</source>
        <translation>Queue-Gruppe: Nachrichten werden unter ihren Mitgliedern aufgeteilt</translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation>Abonnieren</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Hold new messages in the list; the subject tree keeps counting</source>
        <translation>Liste anhalten: Neue Nachrichten werden zurückgehalten; der Subject-Baum zählt weiter</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Subject:</translation>
    </message>
    <message>
        <source>Queue group:</source>
        <translation>Queue-Gruppe:</translation>
    </message>
    <message>
        <source>Filter subject or payload (Ctrl+F)</source>
        <translation>Subject oder Payload filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Show all subjects</source>
        <translation>Alle Subjects anzeigen</translation>
    </message>
    <message>
        <source>Clear the subject filter</source>
        <translation>Subject-Filter entfernen</translation>
    </message>
    <message>
        <source>Subject filter: %1</source>
        <translation>Subject-Filter: %1</translation>
    </message>
    <message>
        <source>The connection was removed.</source>
        <translation>Die Verbindung wurde entfernt.</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
    <message>
        <source>Enter a subject to subscribe to.</source>
        <translation>Geben Sie ein Subject zum Abonnieren ein.</translation>
    </message>
    <message>
        <source>Could not subscribe: %1</source>
        <translation>Abonnieren fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Subscribed to %1</source>
        <translation>%1 abonniert</translation>
    </message>
    <message>
        <source>Subscribed to %1 in queue group %2</source>
        <translation>%1 in Queue-Gruppe %2 abonniert</translation>
    </message>
    <message>
        <source>Unsubscribed.</source>
        <translation>Abbestellt.</translation>
    </message>
    <message>
        <source>The connection closed; subscribe again once connected.</source>
        <translation>Die Verbindung wurde geschlossen; abonnieren Sie erneut, sobald sie wieder besteht.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>received %1 · shown %2 ·</source>
        <translation>empfangen %1 · angezeigt %2 ·</translation>
    </message>
    <message>
        <source>dropped %1</source>
        <translation>verworfen %1</translation>
    </message>
    <message>
        <source>Lost before reaching the list: %1 because the view could not keep up, %2 while paused (the hold keeps the newest %3)</source>
        <translation>Verloren, bevor sie die Liste erreichten: %1, weil die Ansicht nicht mithalten konnte, %2 während der Pause (zurückgehalten werden die neuesten %3)</translation>
    </message>
    <message>
        <source>paused, held: %1</source>
        <translation>pausiert, zurückgehalten: %1</translation>
    </message>
    <message>
        <source>subject tree full (%1 subjects): %2 messages not placed in it</source>
        <translation>Subject-Baum voll (%1 Subjects): %2 Nachrichten nicht einsortiert</translation>
    </message>
    <message>
        <source>Unsubscribe</source>
        <translation>Abbestellen</translation>
    </message>
    <message>
        <source>Connect to a server first</source>
        <translation>Verbinden Sie sich zuerst mit einem Server</translation>
    </message>
</context>
<context>
    <name>nwb::ui::SubjectTreeModel</name>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>msgs/s</source>
        <translation>Nachr./s</translation>
    </message>
    <message>
        <source>Last payload</source>
        <translation>Letzte Payload</translation>
    </message>
</context>
<context>
    <name>nwb::ui::VarzPoller</name>
    <message>
        <source>no monitoring URL</source>
        <translation>keine Monitoring-URL</translation>
    </message>
    <message>
        <source>not an http(s) URL: %1</source>
        <translation>keine http(s)-URL: %1</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>HTTP: %1</source>
        <translation>HTTP: %1</translation>
    </message>
    <message>
        <source>HTTP monitoring at %1 failed %2 times in a row (%3); trying $SYS</source>
        <translation>HTTP-Monitoring unter %1 ist %2-mal in Folge fehlgeschlagen (%3); versuche es über $SYS</translation>
    </message>
    <message>
        <source>HTTP: %1; </source>
        <translation>HTTP: %1; </translation>
    </message>
    <message>
        <source>$SYS: not connected</source>
        <translation>$SYS: nicht verbunden</translation>
    </message>
    <message>
        <source>$SYS</source>
        <translation>$SYS</translation>
    </message>
    <message>
        <source>$SYS: %1</source>
        <translation>$SYS: %1</translation>
    </message>
    <message>
        <source>unavailable: %1</source>
        <translation>nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>monitoring unavailable: %1</source>
        <translation>Monitoring nicht verfügbar: %1</translation>
    </message>
</context>
<context>
    <name>nwb::ui::View</name>
    <message>
        <source>Local cluster</source>
        <translation>Lokaler Cluster</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>Subjects</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Veröffentlichen</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Monitoring</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>Streams</translation>
    </message>
    <message>
        <source>Key-Value</source>
        <translation>Key-Value</translation>
    </message>
</context>
</TS>
