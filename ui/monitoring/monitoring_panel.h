// The monitoring dashboard of one server: a header line and four charts (messages, bytes,
// connections and subscriptions, request-reply round trip) over the last 1, 5 or 15 minutes.
#pragma once

#include "ui/monitoring/rate_series.h"
#include "ui/monitoring/varz_sample.h"

#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

#include <optional>

class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QTimer;
class QValueAxis;

namespace nwb::ui {

class LatencyProbe;
class NatsSession;
class VarzPoller;

class MonitoringPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRedrawIntervalMs = 1000;  ///< charts redraw at most this often
    static constexpr int kDefaultRangeMinutes = 5;

    /// GUI thread. `session` may be null: then only HTTP monitoring (setMonitorUrl) and no
    /// round-trip chart. The panel does not own the session. Polls only while visible.
    explicit MonitoringPanel(NatsSession* session, QWidget* parent = nullptr);
    ~MonitoringPanel() override;

    /// Uses `url` (http://host:8222) instead of the session profile's monitor_url. GUI thread.
    void setMonitorUrl(const QString& url);

    /// Minutes shown: 1, 5 or 15. GUI thread.
    int rangeMinutes() const;
    void setRangeMinutes(int minutes);

    /// Writes the history (up to 10 minutes at 1 Hz) as CSV with a header line, ISO-8601 UTC
    /// times and an empty rtt_ms where none was measured. GUI thread; blocks on the file only.
    bool exportCsv(const QString& path) const;
    /// Writes the four charts as one PNG image. GUI thread; blocks on the file only.
    bool exportPng(const QString& path);

    const RateSeries& series() const { return series_; }
    VarzPoller* poller() const { return poller_; }
    LatencyProbe* latencyProbe() const { return probe_; }
    /// The header line: server name, version, uptime and where the figures come from.
    QString headerText() const;

    /// The CSV header line, without a line break.
    static QString csvHeader();

signals:
    /// After the charts were redrawn with new points.
    void chartsUpdated();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    struct ChartParts {
        QChartView* view = nullptr;
        QChart* chart = nullptr;
        QDateTimeAxis* x = nullptr;
        QValueAxis* y = nullptr;
        QList<QLineSeries*> series;
    };

    ChartParts makeChart(const QString& title, const QStringList& series_names,
                         const QString& y_title);
    void onSample(const VarzSample& sample);
    void scheduleRedraw();
    void redraw();
    void updateHeader();
    void exportPngInteractive();
    void exportCsvInteractive();

    QPointer<NatsSession> session_;
    VarzPoller* poller_;
    LatencyProbe* probe_ = nullptr;
    RateSeries series_;
    std::optional<VarzSample> last_sample_;
    QString source_;

    QLabel* header_;
    QLabel* error_;
    QComboBox* range_;
    QWidget* charts_;
    ChartParts msgs_;
    ChartParts bytes_;
    ChartParts counts_;
    ChartParts rtt_;
    QTimer* redraw_timer_;
    qint64 last_redraw_ms_ = 0;
};

}  // namespace nwb::ui
