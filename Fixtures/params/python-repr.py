params = {'folder': 'avatars', 'timestamp': 1685544025, 'overwrite': True, 'invalidate': False, 'notification_url': None, 'tags': ['a', 'b'], 'ratio': 1.0}
