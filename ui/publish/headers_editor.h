// An editable table of NATS message headers (name, value); a name may repeat.
#pragma once

#include "ui/client/received_message.h"

#include <QWidget>

class QTableWidget;

namespace nwb::ui {

class HeadersEditor : public QWidget {
    Q_OBJECT
public:
    explicit HeadersEditor(QWidget* parent = nullptr);

    /// Rows with an empty name are left out; names and values are trimmed.
    HeaderList headers() const;
    void setHeaders(const HeaderList& headers);
    /// Appends an empty row and starts editing its name.
    void addRow();
    QTableWidget* table() const { return table_; }

private:
    QTableWidget* table_;
};

}  // namespace nwb::ui
