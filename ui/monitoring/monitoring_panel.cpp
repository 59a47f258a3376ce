// The monitoring dashboard of one server.
#include "ui/monitoring/monitoring_panel.h"

#include "ui/client/nats_session.h"
#include "ui/monitoring/latency_probe.h"
#include "ui/monitoring/varz_poller.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTextStream>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace nwb::ui {

namespace {

QString csvNumber(double v) {
    return QString::number(v, 'g', 15);
}

}  // namespace

MonitoringPanel::MonitoringPanel(NatsSession* session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      poller_(new VarzPoller(session, this)),
      header_(new QLabel(this)),
      error_(new QLabel(this)),
      range_(new QComboBox(this)),
      charts_(new QWidget(this)),
      redraw_timer_(new QTimer(this)) {
    if (session) probe_ = new LatencyProbe(session, this);

    header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->setWordWrap(true);
    error_->hide();

    range_->addItem(tr("Last minute"), 1);
    range_->addItem(tr("Last 5 minutes"), 5);
    range_->addItem(tr("Last 15 minutes"), 15);
    range_->setCurrentIndex(range_->findData(kDefaultRangeMinutes));
    connect(range_, &QComboBox::currentIndexChanged, this, [this] { redraw(); });

    auto* png_button = new QPushButton(tr("Export PNG…"), this);
    connect(png_button, &QPushButton::clicked, this, &MonitoringPanel::exportPngInteractive);
    auto* csv_button = new QPushButton(tr("Export CSV…"), this);
    connect(csv_button, &QPushButton::clicked, this, &MonitoringPanel::exportCsvInteractive);

    msgs_ = makeChart(tr("Messages"), {tr("In msgs/s"), tr("Out msgs/s")}, tr("msgs/s"));
    bytes_ = makeChart(tr("Bytes"), {tr("In bytes/s"), tr("Out bytes/s")}, tr("bytes/s"));
    counts_ = makeChart(tr("Connections and subscriptions"),
                        {tr("Connections"), tr("Subscriptions"), tr("Slow consumers")}, tr("count"));
    auto* grid = new QGridLayout(charts_);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(msgs_.view, 0, 0);
    grid->addWidget(bytes_.view, 0, 1);
    grid->addWidget(counts_.view, 1, 0);
    if (probe_) {
        rtt_ = makeChart(tr("Request-reply round trip"), {tr("RTT (ms)")}, tr("ms"));
        grid->addWidget(rtt_.view, 1, 1);
    }

    auto* bar = new QHBoxLayout;
    bar->addWidget(header_, 1);
    bar->addWidget(range_);
    bar->addWidget(png_button);
    bar->addWidget(csv_button);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(error_);
    layout->addWidget(charts_, 1);

    redraw_timer_->setSingleShot(true);
    connect(redraw_timer_, &QTimer::timeout, this, &MonitoringPanel::redraw);

    connect(poller_, &VarzPoller::sampleReady, this, &MonitoringPanel::onSample);
    connect(poller_, &VarzPoller::sourceChanged, this, [this](const QString& source) {
        source_ = source;
        updateHeader();
    });
    connect(poller_, &VarzPoller::errorReported, this, [this](const QString& text) {
        error_->setText(text);
        error_->show();
    });
    if (probe_) {
        connect(probe_, &LatencyProbe::rttMeasured, this,
                [this](qint64 rtt_us) { series_.noteRtt(rtt_us); });
    }
    updateHeader();
}

MonitoringPanel::~MonitoringPanel() = default;

MonitoringPanel::ChartParts MonitoringPanel::makeChart(const QString& title,
                                                       const QStringList& series_names,
                                                       const QString& y_title) {
    ChartParts parts;
    parts.chart = new QChart;
    parts.chart->setTitle(title);
    parts.chart->legend()->setAlignment(Qt::AlignBottom);
    parts.chart->setMargins(QMargins(4, 4, 4, 4));
    parts.x = new QDateTimeAxis;
    parts.x->setFormat(QStringLiteral("HH:mm:ss"));
    parts.x->setTickCount(6);
    parts.y = new QValueAxis;
    parts.y->setTitleText(y_title);
    parts.y->setLabelFormat(QStringLiteral("%.0f"));
    parts.y->setRange(0, 1);
    parts.chart->addAxis(parts.x, Qt::AlignBottom);
    parts.chart->addAxis(parts.y, Qt::AlignLeft);
    for (const QString& name : series_names) {
        auto* s = new QLineSeries;
        s->setName(name);
        parts.chart->addSeries(s);
        s->attachAxis(parts.x);
        s->attachAxis(parts.y);
        parts.series.append(s);
    }
    parts.view = new QChartView(parts.chart, charts_);  // takes the chart
    parts.view->setRenderHint(QPainter::Antialiasing);
    parts.view->setMinimumSize(280, 200);
    return parts;
}

void MonitoringPanel::setMonitorUrl(const QString& url) {
    poller_->setMonitorUrl(url);
}

int MonitoringPanel::rangeMinutes() const {
    return range_->currentData().toInt();
}

void MonitoringPanel::setRangeMinutes(int minutes) {
    const int i = range_->findData(minutes);
    if (i >= 0) range_->setCurrentIndex(i);
}

void MonitoringPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    poller_->start();
    if (probe_) probe_->start();
}

void MonitoringPanel::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    poller_->stop();
    if (probe_) probe_->stop();
}

void MonitoringPanel::onSample(const VarzSample& sample) {
    last_sample_ = sample;
    error_->hide();
    updateHeader();
    if (series_.add(sample)) scheduleRedraw();
}

void MonitoringPanel::scheduleRedraw() {
    if (redraw_timer_->isActive()) return;
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - last_redraw_ms_;
    redraw_timer_->start(static_cast<int>(std::clamp<qint64>(kRedrawIntervalMs - since, 0,
                                                              kRedrawIntervalMs)));
}

void MonitoringPanel::redraw() {
    last_redraw_ms_ = QDateTime::currentMSecsSinceEpoch();
    const auto& points = series_.points();
    const qint64 end_ms = points.empty() ? last_redraw_ms_ : points.back().time_ms;
    const qint64 start_ms = end_ms - qint64(rangeMinutes()) * 60'000;

    QList<QList<QPointF>> msgs(2), bytes(2), counts(3), rtt(1);
    for (const RatePoint& p : points) {
        if (p.time_ms < start_ms) continue;
        const auto t = static_cast<qreal>(p.time_ms);
        msgs[0].append({t, p.in_msgs_per_s});
        msgs[1].append({t, p.out_msgs_per_s});
        bytes[0].append({t, p.in_bytes_per_s});
        bytes[1].append({t, p.out_bytes_per_s});
        counts[0].append({t, static_cast<qreal>(p.connections)});
        counts[1].append({t, static_cast<qreal>(p.subscriptions)});
        counts[2].append({t, static_cast<qreal>(p.slow_consumers)});
        if (p.rtt_ms) rtt[0].append({t, *p.rtt_ms});
    }
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(start_ms);
    const QDateTime end = QDateTime::fromMSecsSinceEpoch(end_ms);
    auto fill = [&](ChartParts& parts, const QList<QList<QPointF>>& lines, bool fractional) {
        if (!parts.chart) return;
        qreal max = 0;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            parts.series[i]->replace(lines[i]);
            for (const QPointF& pt : lines[i]) max = std::max(max, pt.y());
        }
        parts.x->setRange(start, end);
        parts.y->setRange(0, max > 0 ? max * 1.1 : 1);
        parts.y->applyNiceNumbers();
        parts.y->setLabelFormat(fractional && max < 10 ? QStringLiteral("%.2f")
                                                       : QStringLiteral("%.0f"));
    };
    fill(msgs_, msgs, true);
    fill(bytes_, bytes, false);
    fill(counts_, counts, false);
    fill(rtt_, rtt, true);
    emit chartsUpdated();
}

void MonitoringPanel::updateHeader() {
    QStringList parts;
    if (last_sample_) {
        const VarzSample& s = *last_sample_;
        parts << (s.server_name.isEmpty() ? s.server_id : s.server_name);
        parts << tr("version %1").arg(s.version);
        const qint64 d = s.uptime_s / 86400;
        const qint64 h = s.uptime_s / 3600 % 24;
        const qint64 m = s.uptime_s / 60 % 60;
        const qint64 sec = s.uptime_s % 60;
        parts << (d > 0 ? tr("up %1d %2h %3m").arg(d).arg(h).arg(m)
                        : tr("up %1h %2m %3s").arg(h).arg(m).arg(sec));
        if (s.jetstream) parts << tr("JetStream");
    }
    if (!source_.isEmpty()) parts << tr("source: %1").arg(source_);
    header_->setText(parts.isEmpty() ? tr("Waiting for the first sample…")
                                     : parts.join(QStringLiteral(" · ")));
}

QString MonitoringPanel::headerText() const {
    return header_->text();
}

QString MonitoringPanel::csvHeader() {
    return QStringLiteral("time,in_msgs_per_s,out_msgs_per_s,in_bytes_per_s,out_bytes_per_s,"
                          "connections,subscriptions,slow_consumers,rtt_ms");
}

bool MonitoringPanel::exportCsv(const QString& path) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) return false;
    QTextStream out(&file);
    out << csvHeader() << '\n';
    for (const RatePoint& p : series_.points()) {
        out << QDateTime::fromMSecsSinceEpoch(p.time_ms).toUTC()
                   .toString(Qt::ISODateWithMs)
            << ',' << csvNumber(p.in_msgs_per_s) << ',' << csvNumber(p.out_msgs_per_s) << ','
            << csvNumber(p.in_bytes_per_s) << ',' << csvNumber(p.out_bytes_per_s) << ','
            << p.connections << ',' << p.subscriptions << ',' << p.slow_consumers << ','
            << (p.rtt_ms ? csvNumber(*p.rtt_ms) : QString()) << '\n';
    }
    out.flush();
    return file.commit();
}

bool MonitoringPanel::exportPng(const QString& path) {
    const QPixmap image = charts_->grab();
    return !image.isNull() && image.save(path, "PNG");
}

void MonitoringPanel::exportPngInteractive() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export charts as PNG"),
                                                      QStringLiteral("monitoring.png"),
                                                      tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    if (!exportPng(path)) {
        QMessageBox::warning(this, tr("Export PNG"), tr("Could not write %1.").arg(path));
    }
}

void MonitoringPanel::exportCsvInteractive() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export samples as CSV"),
                                                      QStringLiteral("monitoring.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    if (!exportCsv(path)) {
        QMessageBox::warning(this, tr("Export CSV"), tr("Could not write %1.").arg(path));
    }
}

}  // namespace nwb::ui
