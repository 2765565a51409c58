#include "ui/shell/welcome_view.h"

#include "ui/common/format.h"

#include <QCommandLinkButton>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace latentlab::ui {

WelcomeView::WelcomeView(QWidget* parent)
    : QWidget(parent)
{
    auto* title = new QLabel(tr("LatentLab"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.2);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);

    auto* prompt = new QLabel(tr("Open a dataset (Ctrl+O) or drop a file or folder here"));
    QFont promptFont = prompt->font();
    promptFont.setPointSizeF(promptFont.pointSizeF() * 1.25);
    prompt->setFont(promptFont);
    prompt->setAlignment(Qt::AlignCenter);

    auto* formats = new QLabel(tr("MNIST-style IDX files, NumPy .npy arrays, CSV/TSV tables,\n"
                                  "or a folder of images with one sub-folder per class"));
    formats->setAlignment(Qt::AlignCenter);
    formats->setEnabled(false);

    auto* openFile = new QPushButton(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Open Dataset…"));
    openFile->setDefault(true);
    connect(openFile, &QPushButton::clicked, this, &WelcomeView::openFileRequested);
    auto* openFolder = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("Open Folder…"));
    connect(openFolder, &QPushButton::clicked, this, &WelcomeView::openFolderRequested);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(openFile);
    buttons->addWidget(openFolder);
    buttons->addStretch(1);

    recentTitle_ = new QLabel(tr("Recent"));
    QFont recentFont = recentTitle_->font();
    recentFont.setBold(true);
    recentTitle_->setFont(recentFont);
    recentList_ = new QVBoxLayout;
    recentList_->setSpacing(0);

    auto* column = new QVBoxLayout;
    column->addWidget(title);
    column->addSpacing(8);
    column->addWidget(prompt);
    column->addWidget(formats);
    column->addSpacing(16);
    column->addLayout(buttons);
    column->addSpacing(24);
    column->addWidget(recentTitle_);
    column->addLayout(recentList_);

    auto* centred = new QHBoxLayout;
    centred->addStretch(1);
    centred->addLayout(column);
    centred->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addLayout(centred);
    layout->addStretch(3);
    setRecentFiles({});
}

void WelcomeView::setRecentFiles(const QStringList& paths)
{
    while (QLayoutItem* item = recentList_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    constexpr int kShown = 5;
    for (const QString& path : paths.mid(0, kShown)) {
        auto* link = new QCommandLinkButton(displayName(path), path);
        connect(link, &QCommandLinkButton::clicked, this, [this, path] { Q_EMIT openPathRequested(path); });
        recentList_->addWidget(link);
    }
    recentTitle_->setVisible(!paths.isEmpty());
}

} // namespace latentlab::ui
