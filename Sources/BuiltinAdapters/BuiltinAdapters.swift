import IndicatorKit
import OpenDataAdapter
import SpeechTextAdapter
import XMLBulletinAdapter

/// The adapters compiled into yardstick: the one registry list.
///
/// An adapter appears here only once its parsing is real. `yardstick new-adapter` adds a line.
package let builtinAdapters = AdapterRegistry([
    OpenDataAdapter.self,
    XMLBulletinAdapter.self,
    SpeechTextAdapter.self,
])
