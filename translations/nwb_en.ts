<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>nwb::ui::ClusterController</name>
    <message numerus="yes">
        <source>Start %n node(s)</source>
        <translation>
            <numerusform>Start %n node</numerusform><numerusform>Start %n nodes</numerusform></translation>
    </message>
    </context>
<context>
    <name>nwb::ui::ConnectionsManagerDialog</name>
    <message numerus="yes">
        <source>Imported %n connection(s) from %1.</source>
        <translation>
            <numerusform>Imported %n connection from %1.</numerusform><numerusform>Imported %n connections from %1.</numerusform></translation>
    </message>
    </context>
<context>
    <name>nwb::ui::ConnectionsTablePanel</name>
    <message numerus="yes">
        <source>%n connection(s), from %1</source>
        <translation>
            <numerusform>%n connection, from %1</numerusform><numerusform>%n connections, from %1</numerusform></translation>
    </message>
    </context>
<context>
    <name>nwb::ui::KvKeyTableModel</name>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform><numerusform>%Ln bytes</numerusform></translation>
    </message>
    </context>
<context>
    <name>nwb::ui::KvPanel</name>
    <message numerus="yes">
        <source>%n bucket(s)</source>
        <translation>
            <numerusform>%n bucket</numerusform><numerusform>%n buckets</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) in %1</source>
        <translation>
            <numerusform>%n key in %1</numerusform><numerusform>%n keys in %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>(only the first %1 of %n key(s) are listed)</source>
        <translation>
            <numerusform>(only the first %1 of %n key are listed)</numerusform><numerusform>(only the first %1 of %n keys are listed)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s) of %1</source>
        <translation>
            <numerusform>%n revision of %1</numerusform><numerusform>%n revisions of %1</numerusform></translation>
    </message>
    </context>
<context>
    <name>nwb::ui::LocalClusterPanel</name>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n node</numerusform><numerusform>%n nodes</numerusform></translation>
    </message>
    </context>
<context>
    <name>nwb::ui::MainWindow</name>
    <message numerus="yes">
        <source>Run %n local node(s)</source>
        <translation>
            <numerusform>Run %n local node</numerusform><numerusform>Run %n local nodes</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Local cluster: %1 of %n node(s) running</source>
        <translation>
            <numerusform>Local cluster: %1 of %n node running</numerusform><numerusform>Local cluster: %1 of %n nodes running</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s) imported.</source>
        <translation>
            <numerusform>%n connection imported.</numerusform><numerusform>%n connections imported.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read; see the event log.</source>
        <translation>
            <numerusform>%n file could not be read; see the event log.</numerusform><numerusform>%n files could not be read; see the event log.</numerusform></translation>
    </message>
    </context>
<context>
    <name>nwb::ui::MessageDetailView</name>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform><numerusform>%Ln bytes</numerusform></translation>
    </message>
    </context>
<context>
    <name>nwb::ui::PublishHistoryModel</name>
    <message numerus="yes">
        <source>&lt;%n byte(s), binary&gt;</source>
        <translation>
            <numerusform>&lt;%n byte, binary&gt;</numerusform><numerusform>&lt;%n bytes, binary&gt;</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform><numerusform>%Ln bytes</numerusform></translation>
    </message>
    </context>
<context>
    <name>nwb::ui::PublishPanel</name>
    <message numerus="yes">
        <source>Published %n byte(s) to %1</source>
        <translation>
            <numerusform>Published %n byte to %1</numerusform><numerusform>Published %n bytes to %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Reply from %1 in %2 ms (%n byte(s))</source>
        <translation>
            <numerusform>Reply from %1 in %2 ms (%n byte)</numerusform><numerusform>Reply from %1 in %2 ms (%n bytes)</numerusform></translation>
    </message>
    </context>
<context>
    <name>nwb::ui::StreamTableModel</name>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform><numerusform>%Ln bytes</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n source(s): %1</source>
        <translation>
            <numerusform>%n source: %1</numerusform><numerusform>%n sources: %1</numerusform></translation>
    </message>
    </context>
<context>
    <name>nwb::ui::StreamsPanel</name>
    <message numerus="yes">
        <source>%n stream(s)</source>
        <translation>
            <numerusform>%n stream</numerusform><numerusform>%n streams</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n consumer(s) of %1</source>
        <translation>
            <numerusform>%n consumer of %1</numerusform><numerusform>%n consumers of %1</numerusform></translation>
    </message>
    </context>
</TS>
